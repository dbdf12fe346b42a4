using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// First pass of the scale-space extremum search over one DoG row: the positions whose response
/// reaches the threshold and peaks along the row (greater than the left neighbour, at least the
/// right one — the tie rule of the full 26-neighbour test). Only these few go on to the full test;
/// scanning every pixel of every level one by one was the largest single cost of dot detection.
/// </summary>
internal static class BlobRowCandidates
{
    /// <summary>
    /// Writes to <paramref name="positions"/>, in increasing order, every x in 1 .. row.Length − 2
    /// with row[x] ≥ <paramref name="threshold"/>, row[x] &gt; row[x − 1] and row[x] ≥ row[x + 1];
    /// returns how many. NaN never qualifies.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="positions"/> is shorter than the row.</exception>
    public static int Find(ReadOnlySpan<float> row, float threshold, Span<int> positions)
    {
        CheckLengths(row, positions);
        int n = row.Length, x = 1, count = 0;
        ref float r = ref MemoryMarshal.GetReference(row);
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight positions per step: the row loaded at x, x − 1 and x + 1 (unaligned loads of the
            // same cache lines), three compares ANDed; the set lanes of the mask are the candidates.
            // The last vector must still read row[x + 8] as the right neighbour of lane 7, hence x + 9 ≤ n.
            var t = Vector256.Create(threshold);
            for (; x + Vector256<float>.Count + 1 <= n; x += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)x);
                var left = Vector256.LoadUnsafe(ref r, (nuint)(x - 1));
                var right = Vector256.LoadUnsafe(ref r, (nuint)(x + 1));
                var peak = Vector256.GreaterThanOrEqual(v, t) & Vector256.GreaterThan(v, left) & Vector256.GreaterThanOrEqual(v, right);
                uint bits = peak.ExtractMostSignificantBits();
                while (bits != 0)
                {
                    positions[count++] = x + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                }
            }
        }

        return FindScalar(row, threshold, positions, x, count);
    }

    /// <summary>Reference (and tail): the same test one position at a time from <paramref name="from"/>.</summary>
    internal static int FindScalar(ReadOnlySpan<float> row, float threshold, Span<int> positions, int from = 1, int count = 0)
    {
        CheckLengths(row, positions);
        for (int x = Math.Max(from, 1); x < row.Length - 1; x++)
        {
            float v = row[x];
            if (v >= threshold && v > row[x - 1] && v >= row[x + 1])
            {
                positions[count++] = x;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckLengths(ReadOnlySpan<float> row, Span<int> positions)
    {
        if (positions.Length < row.Length)
        {
            ThrowShort(row.Length, positions.Length);
        }
    }

    private static void ThrowShort(int row, int positions) =>
        throw new ArgumentException($"Room for {positions} positions, the row has {row} pixels.", nameof(positions));
}
