using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// Dequantization + inverse DCT of one 8×8 block (T.81 A.3.3), using the accurate integer
/// Loeffler–Ligtenberg–Moschytz factorisation with 13-bit constants that libjpeg calls "islow"
/// (jidctint.c). Using the same arithmetic as libjpeg-turbo's default decoder makes our output
/// match <c>djpeg</c> bit for bit on valid data.
/// </summary>
/// <remarks>
/// The scalar method is the reference implementation; <c>JpegIdct.Vector256.cs</c> holds the AVX2
/// body (8 columns per vector) and is tested against it.
/// </remarks>
internal static partial class JpegIdct
{
    // FIX(x) = round(x * 2^13): the cosine-derived multipliers of the LLM IDCT (CONST_BITS = 13).
    internal const int ConstBits = 13;
    internal const int Pass1Bits = 2;
    internal const int Fix0_298631336 = 2446;
    internal const int Fix0_390180644 = 3196;
    internal const int Fix0_541196100 = 4433;
    internal const int Fix0_765366865 = 6270;
    internal const int Fix0_899976223 = 7373;
    internal const int Fix1_175875602 = 9633;
    internal const int Fix1_501321110 = 12299;
    internal const int Fix1_847759065 = 15137;
    internal const int Fix1_961570560 = 16069;
    internal const int Fix2_053119869 = 16819;
    internal const int Fix2_562915447 = 20995;
    internal const int Fix3_072711026 = 25172;

    /// <summary>
    /// Transforms <paramref name="coefficients"/> (64 quantized values, natural order) with
    /// <paramref name="quant"/> (natural order) into 8 rows of 8 samples at <paramref name="destination"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transform8x8(ref int coefficients, ref int quant, ref byte destination, int stride)
    {
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            Transform8x8Avx2(ref coefficients, ref quant, ref destination, stride);
        }
        else
        {
            Transform8x8Scalar(ref coefficients, ref quant, ref destination, stride);
        }
    }

    /// <summary>Scalar reference of <see cref="Transform8x8"/>.</summary>
    internal static void Transform8x8Scalar(ref int coefficients, ref int quant, ref byte destination, int stride)
    {
        Span<int> ws = stackalloc int[64];

        // Pass 1: columns. Results are scaled up by 2^PASS1_BITS to keep precision for pass 2.
        for (int c = 0; c < 8; c++)
        {
            int d0 = Unsafe.Add(ref coefficients, c) * Unsafe.Add(ref quant, c);
            int d1 = Unsafe.Add(ref coefficients, c + 8) * Unsafe.Add(ref quant, c + 8);
            int d2 = Unsafe.Add(ref coefficients, c + 16) * Unsafe.Add(ref quant, c + 16);
            int d3 = Unsafe.Add(ref coefficients, c + 24) * Unsafe.Add(ref quant, c + 24);
            int d4 = Unsafe.Add(ref coefficients, c + 32) * Unsafe.Add(ref quant, c + 32);
            int d5 = Unsafe.Add(ref coefficients, c + 40) * Unsafe.Add(ref quant, c + 40);
            int d6 = Unsafe.Add(ref coefficients, c + 48) * Unsafe.Add(ref quant, c + 48);
            int d7 = Unsafe.Add(ref coefficients, c + 56) * Unsafe.Add(ref quant, c + 56);

            // No DC-only shortcut: it equals the full computation except when corrupt data overflows
            // 32 bits, and the vector body has none, so scalar and vector stay bit-identical.
            Butterfly(d0, d1, d2, d3, d4, d5, d6, d7, ConstBits - Pass1Bits, 1 << (ConstBits - Pass1Bits - 1),
                out ws[c], out ws[8 + c], out ws[16 + c], out ws[24 + c],
                out ws[32 + c], out ws[40 + c], out ws[48 + c], out ws[56 + c]);
        }

        // Pass 2: rows; remove PASS1_BITS and the 8x scale of the 2-D transform (3 bits). The +128 level
        // shift is folded into the rounding constant ((128 << shift) is a multiple of 2^shift), exactly as
        // the vector body does, so both agree even when corrupt data overflows 32 bits.
        const int shift2 = ConstBits + Pass1Bits + 3;
        for (int r = 0; r < 8; r++)
        {
            ref byte row = ref Unsafe.Add(ref destination, r * stride);
            int o = r * 8;
            Butterfly(ws[o], ws[o + 1], ws[o + 2], ws[o + 3], ws[o + 4], ws[o + 5], ws[o + 6], ws[o + 7],
                shift2, (1 << (shift2 - 1)) + (128 << shift2),
                out int x0, out int x1, out int x2, out int x3, out int x4, out int x5, out int x6, out int x7);
            Unsafe.Add(ref row, 0) = ClampByte(x0);
            Unsafe.Add(ref row, 1) = ClampByte(x1);
            Unsafe.Add(ref row, 2) = ClampByte(x2);
            Unsafe.Add(ref row, 3) = ClampByte(x3);
            Unsafe.Add(ref row, 4) = ClampByte(x4);
            Unsafe.Add(ref row, 5) = ClampByte(x5);
            Unsafe.Add(ref row, 6) = ClampByte(x6);
            Unsafe.Add(ref row, 7) = ClampByte(x7);
        }
    }

    /// <summary>Clamp to 0..255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte ClampByte(int x) => (byte)(x < 0 ? 0 : x > 255 ? 255 : x);

    /// <summary>Level shift (+128, T.81 A.3.1) and clamp to 0..255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte ClampSample(int x)
    {
        x += 128;
        return (byte)(x < 0 ? 0 : x > 255 ? 255 : x);
    }

    // One 1-D 8-point LLM IDCT; outputs descaled by `shift` with rounding.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(int i0, int i1, int i2, int i3, int i4, int i5, int i6, int i7, int shift, int round,
        out int o0, out int o1, out int o2, out int o3, out int o4, out int o5, out int o6, out int o7)
    {
        // Even part: rotation of (i2, i6) by the sqrt(2)*c6 / sqrt(2)*c2 factors.
        int z1 = (i2 + i6) * Fix0_541196100;
        int tmp2 = z1 + (i6 * -Fix1_847759065);
        int tmp3 = z1 + (i2 * Fix0_765366865);
        int tmp0 = (i0 + i4) << ConstBits;
        int tmp1 = (i0 - i4) << ConstBits;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2;
        int tmp12 = tmp1 - tmp2;

        // Odd part (jidctint.c naming: tmp0..3 = i7, i5, i3, i1).
        tmp0 = i7;
        tmp1 = i5;
        tmp2 = i3;
        tmp3 = i1;
        z1 = tmp0 + tmp3;
        int z2 = tmp1 + tmp2;
        int z3 = tmp0 + tmp2;
        int z4 = tmp1 + tmp3;
        int z5 = (z3 + z4) * Fix1_175875602;
        tmp0 *= Fix0_298631336;
        tmp1 *= Fix2_053119869;
        tmp2 *= Fix3_072711026;
        tmp3 *= Fix1_501321110;
        z1 *= -Fix0_899976223;
        z2 *= -Fix2_562915447;
        z3 *= -Fix1_961570560;
        z4 *= -Fix0_390180644;
        z3 += z5;
        z4 += z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;

        o0 = (tmp10 + tmp3 + round) >> shift;
        o7 = (tmp10 - tmp3 + round) >> shift;
        o1 = (tmp11 + tmp2 + round) >> shift;
        o6 = (tmp11 - tmp2 + round) >> shift;
        o2 = (tmp12 + tmp1 + round) >> shift;
        o5 = (tmp12 - tmp1 + round) >> shift;
        o3 = (tmp13 + tmp0 + round) >> shift;
        o4 = (tmp13 - tmp0 + round) >> shift;
    }
}
