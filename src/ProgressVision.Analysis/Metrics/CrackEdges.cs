using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProgressVision.Analysis.Metrics;

/// <summary>
/// Crack edges of one row of a membership plane: for every pixel in V, its sides that border a
/// pixel outside V or the image edge (the perimeter <see cref="MeasuredArea.PerimeterPx"/> sums).
/// </summary>
internal static class CrackEdges
{
    /// <summary>
    /// Edges of the in-V pixels of <paramref name="row"/>; <paramref name="above"/> and
    /// <paramref name="below"/> are the neighbouring rows, empty at the top and bottom of the image
    /// (outside the image counts as not in V).
    /// </summary>
    /// <exception cref="ArgumentException">A neighbouring row is neither empty nor as long as the row.</exception>
    public static long Row(ReadOnlySpan<bool> row, ReadOnlySpan<bool> above, ReadOnlySpan<bool> below)
    {
        if ((!above.IsEmpty && above.Length != row.Length) || (!below.IsEmpty && below.Length != row.Length))
        {
            throw new ArgumentException($"Neighbouring rows of {above.Length} and {below.Length} do not match a row of {row.Length}.");
        }

        int w = row.Length;
        if (w == 0)
        {
            return 0;
        }

        // The two ends of the row border the image's sides.
        long edges = (row[0] ? 1 : 0) + (row[w - 1] ? 1 : 0);
        int x = 0;
        if (Vector256.IsHardwareAccelerated && w > Vector256<byte>.Count)
        {
            // A bool is one byte, 0 or not; "in" is byte ≠ 0. Each lane is pixel x + j; the left and
            // right neighbours are the same row loaded one byte earlier and later, so the vector body
            // runs over x = 1 … w − 2 and each comparison mask's set bits count edges (popcount).
            var bytes = MemoryMarshal.AsBytes(row);
            var up = MemoryMarshal.AsBytes(above);
            var down = MemoryMarshal.AsBytes(below);
            ref byte r = ref MemoryMarshal.GetReference(bytes);
            var zero = Vector256<byte>.Zero;
            for (x = 1; x <= w - 1 - Vector256<byte>.Count; x += Vector256<byte>.Count)
            {
                var inV = ~Vector256.Equals(Vector256.LoadUnsafe(ref r, (nuint)x), zero);
                var outLeft = Vector256.Equals(Vector256.LoadUnsafe(ref r, (nuint)(x - 1)), zero);
                var outRight = Vector256.Equals(Vector256.LoadUnsafe(ref r, (nuint)(x + 1)), zero);
                var outUp = up.IsEmpty ? Vector256<byte>.AllBitsSet : Vector256.Equals(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(up), (nuint)x), zero);
                var outDown = down.IsEmpty ? Vector256<byte>.AllBitsSet : Vector256.Equals(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(down), (nuint)x), zero);
                edges += BitOperations.PopCount((inV & outLeft).ExtractMostSignificantBits())
                    + BitOperations.PopCount((inV & outRight).ExtractMostSignificantBits())
                    + BitOperations.PopCount((inV & outUp).ExtractMostSignificantBits())
                    + BitOperations.PopCount((inV & outDown).ExtractMostSignificantBits());
            }

            // Pixel 0 was left to the scalar pass below.
            edges += RowScalar(row, above, below, 0, 1);
        }

        return edges + RowScalar(row, above, below, x, w);
    }

    /// <summary>
    /// Scalar reference of <see cref="Row"/> for pixels <paramref name="from"/> … <paramref name="to"/> − 1,
    /// without the two row-end edges (those <see cref="Row"/> adds once).
    /// </summary>
    internal static long RowScalar(ReadOnlySpan<bool> row, ReadOnlySpan<bool> above, ReadOnlySpan<bool> below, int from, int to)
    {
        long edges = 0;
        int w = row.Length;
        for (int x = from; x < to; x++)
        {
            if (!row[x])
            {
                continue;
            }

            edges += (x > 0 && !row[x - 1] ? 1 : 0) + (x < w - 1 && !row[x + 1] ? 1 : 0)
                + (above.IsEmpty || !above[x] ? 1 : 0) + (below.IsEmpty || !below[x] ? 1 : 0);
        }

        return edges;
    }
}
