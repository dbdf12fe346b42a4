using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProgressVision.Analysis.Registration;

/// <summary>Hamming distance between binary descriptors stored as ulong words.</summary>
public static class Hamming
{
    /// <summary>Number of differing bits between two equal-length word spans.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static int Distance(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Descriptors differ in length ({a.Length} vs {b.Length} words).", nameof(b));
        }

        int n = a.Length, i = 0, total = 0;
        ref ulong ra = ref MemoryMarshal.GetReference(a);
        ref ulong rb = ref MemoryMarshal.GetReference(b);
        if (Vector256.IsHardwareAccelerated)
        {
            // XOR four words per vector; x86 has no 64-bit lane popcount below AVX-512, so the
            // lanes are counted with POPCNT one by one (still one instruction each).
            for (; i + 4 <= n; i += 4)
            {
                var x = Vector256.LoadUnsafe(ref ra, (nuint)i) ^ Vector256.LoadUnsafe(ref rb, (nuint)i);
                total += BitOperations.PopCount(x.GetElement(0)) + BitOperations.PopCount(x.GetElement(1)) +
                         BitOperations.PopCount(x.GetElement(2)) + BitOperations.PopCount(x.GetElement(3));
            }
        }

        for (; i < n; i++)
        {
            total += BitOperations.PopCount(Unsafe.Add(ref ra, i) ^ Unsafe.Add(ref rb, i));
        }

        return total;
    }

    /// <summary>Reference: counts differing bits one at a time.</summary>
    internal static int DistanceScalar(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Descriptors differ in length ({a.Length} vs {b.Length} words).", nameof(b));
        }

        int total = 0;
        for (int i = 0; i < a.Length; i++)
        {
            for (int bit = 0; bit < 64; bit++)
            {
                total += (int)(((a[i] ^ b[i]) >> bit) & 1);
            }
        }

        return total;
    }
}
