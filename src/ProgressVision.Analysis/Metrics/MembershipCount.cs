using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProgressVision.Analysis.Metrics;

/// <summary>How many pixels of a span of a membership plane are in V (true).</summary>
internal static class MembershipCount
{
    /// <summary>The number of true values in <paramref name="values"/>.</summary>
    public static int Count(ReadOnlySpan<bool> values)
    {
        int n = 0, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // A bool is one byte, 0 or not: the set bits of the "≠ 0" mask count 32 values at a time.
            ref byte b = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(values));
            for (; i <= values.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var inV = ~Vector256.Equals(Vector256.LoadUnsafe(ref b, (nuint)i), Vector256<byte>.Zero);
                n += BitOperations.PopCount(inV.ExtractMostSignificantBits());
            }
        }

        return n + CountScalar(values[i..]);
    }

    /// <summary>Scalar reference of <see cref="Count"/>.</summary>
    internal static int CountScalar(ReadOnlySpan<bool> values)
    {
        int n = 0;
        foreach (bool v in values)
        {
            n += v ? 1 : 0;
        }

        return n;
    }
}
