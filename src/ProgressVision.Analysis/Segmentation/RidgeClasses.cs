using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProgressVision.Analysis.Segmentation;

/// <summary>
/// Hysteresis classes of a ridge-response row: <see cref="Seed"/> above the seed level,
/// <see cref="Candidate"/> above the grow level, 0 elsewhere (NaN is 0).
/// </summary>
internal static class RidgeClasses
{
    /// <summary>Class byte of a response above the grow level only.</summary>
    public const byte Candidate = 128;

    /// <summary>Class byte of a response above the seed level.</summary>
    public const byte Seed = 255;

    /// <summary>Classifies <paramref name="ridge"/> into <paramref name="classes"/> (same length).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Classify(ReadOnlySpan<float> ridge, Span<byte> classes, float seedLevel, float growLevel)
    {
        if (ridge.Length != classes.Length)
        {
            throw new ArgumentException($"Ridge row of {ridge.Length} and class row of {classes.Length} differ.");
        }

        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float r = ref MemoryMarshal.GetReference(ridge);
            ref byte c = ref MemoryMarshal.GetReference(classes);
            var hi = Vector256.Create(seedLevel);
            var lo = Vector256.Create(growLevel);
            int n = Vector256<byte>.Count;

            // 32 responses per step: four float compares per level give all-ones or zero lanes, which
            // narrow (in order) to 0xFF / 0 bytes. Seed lanes are 0xFF; other lanes above the grow
            // level keep only the Candidate bit.
            for (; x <= ridge.Length - n; x += n)
            {
                var v0 = Vector256.LoadUnsafe(ref r, (nuint)x);
                var v1 = Vector256.LoadUnsafe(ref r, (nuint)(x + 8));
                var v2 = Vector256.LoadUnsafe(ref r, (nuint)(x + 16));
                var v3 = Vector256.LoadUnsafe(ref r, (nuint)(x + 24));
                var seed = Bytes(Vector256.GreaterThan(v0, hi), Vector256.GreaterThan(v1, hi), Vector256.GreaterThan(v2, hi), Vector256.GreaterThan(v3, hi));
                var grow = Bytes(Vector256.GreaterThan(v0, lo), Vector256.GreaterThan(v1, lo), Vector256.GreaterThan(v2, lo), Vector256.GreaterThan(v3, lo));
                (seed | (grow & Vector256.Create(Candidate))).StoreUnsafe(ref c, (nuint)x);
            }
        }

        ClassifyScalar(ridge, classes, seedLevel, growLevel, x);
    }

    /// <summary>Scalar reference of <see cref="Classify"/> from element <paramref name="from"/>.</summary>
    internal static void ClassifyScalar(ReadOnlySpan<float> ridge, Span<byte> classes, float seedLevel, float growLevel, int from = 0)
    {
        for (int i = from; i < ridge.Length; i++)
        {
            classes[i] = ridge[i] > seedLevel ? Seed : ridge[i] > growLevel ? Candidate : (byte)0;
        }
    }

    // Four all-ones/zero float masks as 32 bytes, element order kept.
    private static Vector256<byte> Bytes(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3) =>
        Vector256.Narrow(Vector256.Narrow(m0.AsInt32(), m1.AsInt32()), Vector256.Narrow(m2.AsInt32(), m3.AsInt32())).AsByte();
}
