using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>
/// The 8×8 forward DCT by the Arai–Agui–Nakajima factorisation (Trans. IEICE E71(11), 1988; the form used by
/// the IJG's float DCT). It needs 5 multiplies per 8-point pass because the remaining per-coefficient scale
/// factors are folded into quantisation: output (u, v) equals 8 · s(u) · s(v) · F(u, v), where F is the
/// T.81 §A.3.3 DCT and s(0) = 1, s(k) = √2 · cos(kπ/16). <see cref="Divisors"/> undoes that scale and divides by
/// the quantiser in one multiply.
/// </summary>
internal static class JpegForwardDct
{
    /// <summary>s(k) = √2 · cos(kπ/16), s(0) = 1.</summary>
    public static ReadOnlySpan<double> AanScale =>
        [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.541196100, 0.275899379];

    /// <summary>Multipliers that turn AAN outputs into quantised values: 1 / (q · 8 · s(row) · s(col)), natural order.</summary>
    public static float[] Divisors(ReadOnlySpan<byte> quantNatural)
    {
        var d = new float[64];
        for (int r = 0; r < 8; r++)
        {
            for (int c = 0; c < 8; c++)
            {
                d[(r * 8) + c] = (float)(1.0 / (quantNatural[(r * 8) + c] * AanScale[r] * AanScale[c] * 8.0));
            }
        }

        return d;
    }

    /// <summary>Transforms a level-shifted (−128…127) 8×8 block in place (natural order in and out).</summary>
    public static void Transform(Span<float> block)
    {
        if (block.Length < 64)
        {
            throw new ArgumentException("An 8x8 block needs 64 values.", nameof(block));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            TransformVector(block);
        }
        else
        {
            TransformScalar(block);
        }
    }

    /// <summary>
    /// Eight columns at once: each of the 8 row vectors holds one row, so the butterfly applied across the vectors
    /// transforms every column in parallel (lane = column). A transpose turns rows into columns for the second
    /// pass, and a second transpose restores natural order.
    /// </summary>
    internal static void TransformVector(Span<float> block)
    {
        ref float b = ref MemoryMarshal.GetReference(block);
        for (int pass = 0; pass < 2; pass++)
        {
            var v0 = Vector256.LoadUnsafe(ref b, 0);
            var v1 = Vector256.LoadUnsafe(ref b, 8);
            var v2 = Vector256.LoadUnsafe(ref b, 16);
            var v3 = Vector256.LoadUnsafe(ref b, 24);
            var v4 = Vector256.LoadUnsafe(ref b, 32);
            var v5 = Vector256.LoadUnsafe(ref b, 40);
            var v6 = Vector256.LoadUnsafe(ref b, 48);
            var v7 = Vector256.LoadUnsafe(ref b, 56);
            PassVector(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
            v0.StoreUnsafe(ref b, 0);
            v1.StoreUnsafe(ref b, 8);
            v2.StoreUnsafe(ref b, 16);
            v3.StoreUnsafe(ref b, 24);
            v4.StoreUnsafe(ref b, 32);
            v5.StoreUnsafe(ref b, 40);
            v6.StoreUnsafe(ref b, 48);
            v7.StoreUnsafe(ref b, 56);
            Transpose(block);
        }
    }

    /// <summary>The reference: rows, then columns, one element at a time.</summary>
    internal static void TransformScalar(Span<float> block)
    {
        for (int r = 0; r < 8; r++)
        {
            Pass(block, r * 8, 1);
        }

        for (int c = 0; c < 8; c++)
        {
            Pass(block, c, 8);
        }
    }

    private static void Transpose(Span<float> m)
    {
        for (int r = 1; r < 8; r++)
        {
            for (int c = 0; c < r; c++)
            {
                (m[(r * 8) + c], m[(c * 8) + r]) = (m[(c * 8) + r], m[(r * 8) + c]);
            }
        }
    }

    /// <summary>The same butterfly as <see cref="Pass"/>, on 8 lanes at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PassVector(
        ref Vector256<float> d0, ref Vector256<float> d1, ref Vector256<float> d2, ref Vector256<float> d3,
        ref Vector256<float> d4, ref Vector256<float> d5, ref Vector256<float> d6, ref Vector256<float> d7)
    {
        var tmp0 = d0 + d7;
        var tmp7 = d0 - d7;
        var tmp1 = d1 + d6;
        var tmp6 = d1 - d6;
        var tmp2 = d2 + d5;
        var tmp5 = d2 - d5;
        var tmp3 = d3 + d4;
        var tmp4 = d3 - d4;

        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;
        d0 = tmp10 + tmp11;
        d4 = tmp10 - tmp11;
        var z1 = (tmp12 + tmp13) * 0.707106781f;
        d2 = tmp13 + z1;
        d6 = tmp13 - z1;

        tmp10 = tmp4 + tmp5;
        tmp11 = tmp5 + tmp6;
        tmp12 = tmp6 + tmp7;
        var z5 = (tmp10 - tmp12) * 0.382683433f;
        var z2 = (tmp10 * 0.541196100f) + z5;
        var z4 = (tmp12 * 1.306562965f) + z5;
        var z3 = tmp11 * 0.707106781f;
        var z11 = tmp7 + z3;
        var z13 = tmp7 - z3;
        d5 = z13 + z2;
        d3 = z13 - z2;
        d1 = z11 + z4;
        d7 = z11 - z4;
    }

    private static void Pass(Span<float> b, int o, int s)
    {
        float d0 = b[o], d1 = b[o + s], d2 = b[o + (2 * s)], d3 = b[o + (3 * s)];
        float d4 = b[o + (4 * s)], d5 = b[o + (5 * s)], d6 = b[o + (6 * s)], d7 = b[o + (7 * s)];

        float tmp0 = d0 + d7, tmp7 = d0 - d7;
        float tmp1 = d1 + d6, tmp6 = d1 - d6;
        float tmp2 = d2 + d5, tmp5 = d2 - d5;
        float tmp3 = d3 + d4, tmp4 = d3 - d4;

        // Even part: a 4-point DCT of the sums; one rotation by π/4.
        float tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3;
        float tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        b[o] = tmp10 + tmp11;
        b[o + (4 * s)] = tmp10 - tmp11;
        float z1 = (tmp12 + tmp13) * 0.707106781f; // cos(π/4)
        b[o + (2 * s)] = tmp13 + z1;
        b[o + (6 * s)] = tmp13 - z1;

        // Odd part: the differences, with the shared rotation z5 that saves a multiply.
        tmp10 = tmp4 + tmp5;
        tmp11 = tmp5 + tmp6;
        tmp12 = tmp6 + tmp7;
        float z5 = (tmp10 - tmp12) * 0.382683433f; // cos(3π/8)
        float z2 = (0.541196100f * tmp10) + z5;     // cos(3π/8)·√2
        float z4 = (1.306562965f * tmp12) + z5;     // cos(π/8)·√2
        float z3 = tmp11 * 0.707106781f;
        float z11 = tmp7 + z3, z13 = tmp7 - z3;
        b[o + (5 * s)] = z13 + z2;
        b[o + (3 * s)] = z13 - z2;
        b[o + s] = z11 + z4;
        b[o + (7 * s)] = z11 - z4;
    }
}
