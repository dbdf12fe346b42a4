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

    /// <summary>Transforms a level-shifted (−128…127) 8×8 block in place: rows, then columns.</summary>
    public static void Transform(Span<float> block)
    {
        if (block.Length < 64)
        {
            throw new ArgumentException("An 8x8 block needs 64 values.", nameof(block));
        }

        for (int r = 0; r < 8; r++)
        {
            Pass(block, r * 8, 1);
        }

        for (int c = 0; c < 8; c++)
        {
            Pass(block, c, 8);
        }
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
