using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// Reduced-size inverse DCTs for 1/2, 1/4 and 1/8 decoding: only the low-frequency corner of each
/// block contributes, giving 4×4, 2×2 or 1×1 samples directly. Same fixed-point arithmetic as
/// libjpeg's jidctred.c (whose constants are sqrt(2)-scaled sums of the 8-point cosines), so results
/// follow <c>djpeg -scale</c>.
/// </summary>
internal static class JpegScaledIdct
{
    private const int ConstBits = JpegIdct.ConstBits;
    private const int Pass1Bits = JpegIdct.Pass1Bits;

    // FIX(x) = round(x * 2^13).
    private const int Fix0_211164243 = 1730;
    private const int Fix0_509795579 = 4176;
    private const int Fix0_601344887 = 4926;
    private const int Fix0_720959822 = 5906;
    private const int Fix0_765366865 = 6270;
    private const int Fix0_850430095 = 6967;
    private const int Fix0_899976223 = 7373;
    private const int Fix1_061594337 = 8697;
    private const int Fix1_272758580 = 10426;
    private const int Fix1_451774981 = 11893;
    private const int Fix1_847759065 = 15137;
    private const int Fix2_172734803 = 17799;
    private const int Fix2_562915447 = 20995;
    private const int Fix3_624509785 = 29692;

    /// <summary>Dispatches on the scaled block size (8, 4, 2 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transform(int size, ref int coefficients, ref int quant, ref byte destination, int stride)
    {
        switch (size)
        {
            case 8:
                JpegIdct.Transform8x8(ref coefficients, ref quant, ref destination, stride);
                break;
            case 4:
                Transform4x4(ref coefficients, ref quant, ref destination, stride);
                break;
            case 2:
                Transform2x2(ref coefficients, ref quant, ref destination, stride);
                break;
            default:
                Transform1x1(ref coefficients, ref quant, ref destination);
                break;
        }
    }

    /// <summary>4×4 output from coefficients rows/columns 0..7 except index 4 (which cannot reach 4 samples).</summary>
    public static void Transform4x4(ref int coefficients, ref int quant, ref byte destination, int stride)
    {
        Span<int> ws = stackalloc int[32];
        for (int c = 0; c < 8; c++)
        {
            if (c == 4)
            {
                continue;
            }

            int d0 = Deq(ref coefficients, ref quant, c);
            int d1 = Deq(ref coefficients, ref quant, c + 8);
            int d2 = Deq(ref coefficients, ref quant, c + 16);
            int d3 = Deq(ref coefficients, ref quant, c + 24);
            int d5 = Deq(ref coefficients, ref quant, c + 40);
            int d6 = Deq(ref coefficients, ref quant, c + 48);
            int d7 = Deq(ref coefficients, ref quant, c + 56);
            if ((d1 | d2 | d3 | d5 | d6 | d7) == 0)
            {
                int dc = d0 << Pass1Bits;
                ws[c] = dc;
                ws[8 + c] = dc;
                ws[16 + c] = dc;
                ws[24 + c] = dc;
                continue;
            }

            Line4(d0, d1, d2, d3, d5, d6, d7, ConstBits - Pass1Bits + 1, out ws[c], out ws[8 + c], out ws[16 + c], out ws[24 + c]);
        }

        for (int r = 0; r < 4; r++)
        {
            int o = r * 8;
            ref byte row = ref Unsafe.Add(ref destination, r * stride);
            Line4(ws[o], ws[o + 1], ws[o + 2], ws[o + 3], ws[o + 5], ws[o + 6], ws[o + 7],
                ConstBits + Pass1Bits + 3 + 1, out int x0, out int x1, out int x2, out int x3);
            row = JpegIdct.ClampSample(x0);
            Unsafe.Add(ref row, 1) = JpegIdct.ClampSample(x1);
            Unsafe.Add(ref row, 2) = JpegIdct.ClampSample(x2);
            Unsafe.Add(ref row, 3) = JpegIdct.ClampSample(x3);
        }
    }

    /// <summary>2×2 output from the odd-index and DC coefficients of the first columns/rows.</summary>
    public static void Transform2x2(ref int coefficients, ref int quant, ref byte destination, int stride)
    {
        Span<int> ws = stackalloc int[16];
        for (int c = 0; c < 8; c++)
        {
            if (c == 2 || c == 4 || c == 6)
            {
                continue;
            }

            int d0 = Deq(ref coefficients, ref quant, c);
            int d1 = Deq(ref coefficients, ref quant, c + 8);
            int d3 = Deq(ref coefficients, ref quant, c + 24);
            int d5 = Deq(ref coefficients, ref quant, c + 40);
            int d7 = Deq(ref coefficients, ref quant, c + 56);
            if ((d1 | d3 | d5 | d7) == 0)
            {
                int dc = d0 << Pass1Bits;
                ws[c] = dc;
                ws[8 + c] = dc;
                continue;
            }

            Line2(d0, d1, d3, d5, d7, ConstBits - Pass1Bits + 2, out ws[c], out ws[8 + c]);
        }

        for (int r = 0; r < 2; r++)
        {
            int o = r * 8;
            ref byte row = ref Unsafe.Add(ref destination, r * stride);
            Line2(ws[o], ws[o + 1], ws[o + 3], ws[o + 5], ws[o + 7], ConstBits + Pass1Bits + 3 + 2, out int x0, out int x1);
            row = JpegIdct.ClampSample(x0);
            Unsafe.Add(ref row, 1) = JpegIdct.ClampSample(x1);
        }
    }

    /// <summary>1×1 output: the block mean, DC / 8 rounded.</summary>
    public static void Transform1x1(ref int coefficients, ref int quant, ref byte destination)
    {
        int dc = coefficients * quant;
        destination = JpegIdct.ClampSample((dc + 4) >> 3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Deq(ref int coefficients, ref int quant, int i) => Unsafe.Add(ref coefficients, i) * Unsafe.Add(ref quant, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Line4(int i0, int i1, int i2, int i3, int i5, int i6, int i7, int shift,
        out int o0, out int o1, out int o2, out int o3)
    {
        int tmp0 = i0 << (ConstBits + 1);
        int tmp2 = (i2 * Fix1_847759065) + (i6 * -Fix0_765366865);
        int tmp10 = tmp0 + tmp2;
        int tmp12 = tmp0 - tmp2;

        int odd0 = (i7 * -Fix0_211164243) + (i5 * Fix1_451774981) + (i3 * -Fix2_172734803) + (i1 * Fix1_061594337);
        int odd2 = (i7 * -Fix0_509795579) + (i5 * -Fix0_601344887) + (i3 * Fix0_899976223) + (i1 * Fix2_562915447);

        int round = 1 << (shift - 1);
        o0 = (tmp10 + odd2 + round) >> shift;
        o3 = (tmp10 - odd2 + round) >> shift;
        o1 = (tmp12 + odd0 + round) >> shift;
        o2 = (tmp12 - odd0 + round) >> shift;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Line2(int i0, int i1, int i3, int i5, int i7, int shift, out int o0, out int o1)
    {
        int tmp10 = i0 << (ConstBits + 2);
        int tmp0 = (i7 * -Fix0_720959822) + (i5 * Fix0_850430095) + (i3 * -Fix1_272758580) + (i1 * Fix3_624509785);
        int round = 1 << (shift - 1);
        o0 = (tmp10 + tmp0 + round) >> shift;
        o1 = (tmp10 - tmp0 + round) >> shift;
    }
}
