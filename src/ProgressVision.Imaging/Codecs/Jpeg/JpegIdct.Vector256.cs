using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>AVX2 body of the islow IDCT: the same integer arithmetic as the scalar reference, 8 lanes at a time.</summary>
internal static partial class JpegIdct
{
    /// <summary>
    /// Pass 1 runs with one column per lane (row vectors in, so no shuffling), an 8×8 transpose turns
    /// the workspace so pass 2 again has one row per lane, and a second transpose brings the outputs
    /// back to row order for the saturating packs. Bit-identical to <see cref="Transform8x8Scalar"/>.
    /// </summary>
    // Fully optimised at its first call: it has no loop, so tiering would start it as unoptimised code
    // with Load/Butterfly/Transpose as real calls, and a decode in a fresh process ran most of its
    // blocks that way before the promotion to optimised code (the delay restarts while start-up JITs).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Transform8x8Avx2(ref int coefficients, ref int quant, ref byte destination, int stride)
    {
        var d0 = Load(ref coefficients, ref quant, 0);
        var d1 = Load(ref coefficients, ref quant, 8);
        var d2 = Load(ref coefficients, ref quant, 16);
        var d3 = Load(ref coefficients, ref quant, 24);
        var d4 = Load(ref coefficients, ref quant, 32);
        var d5 = Load(ref coefficients, ref quant, 40);
        var d6 = Load(ref coefficients, ref quant, 48);
        var d7 = Load(ref coefficients, ref quant, 56);

        // Pass 1: descale by CONST_BITS - PASS1_BITS, keeping 2 extra fraction bits for pass 2.
        Butterfly(ref d0, ref d1, ref d2, ref d3, ref d4, ref d5, ref d6, ref d7,
            Vector256.Create(1 << (ConstBits - Pass1Bits - 1)), ConstBits - Pass1Bits);
        Transpose(ref d0, ref d1, ref d2, ref d3, ref d4, ref d5, ref d6, ref d7);

        // Pass 2: the +128 level shift is folded into the rounding constant ((128 << shift) is a multiple of 2^shift).
        const int shift2 = ConstBits + Pass1Bits + 3;
        Butterfly(ref d0, ref d1, ref d2, ref d3, ref d4, ref d5, ref d6, ref d7,
            Vector256.Create((1 << (shift2 - 1)) + (128 << shift2)), shift2);
        Transpose(ref d0, ref d1, ref d2, ref d3, ref d4, ref d5, ref d6, ref d7);

        // Saturating packs clamp to 0..255. Within each 128-bit lane the packs interleave rows,
        // so dwords end up as [r0a r1a r2a r3a r0b r1b r2b r3b] (a = columns 0-3, b = 4-7); a
        // cross-lane dword permute restores [r0a r0b r1a r1b ...].
        var perm = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        var rows0123 = Avx2.PermuteVar8x32(
            Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(d0, d1), Avx2.PackSignedSaturate(d2, d3)).AsInt32(), perm).AsUInt64();
        var rows4567 = Avx2.PermuteVar8x32(
            Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(d4, d5), Avx2.PackSignedSaturate(d6, d7)).AsInt32(), perm).AsUInt64();

        Unsafe.WriteUnaligned(ref destination, rows0123.GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, stride), rows0123.GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 2 * stride), rows0123.GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 3 * stride), rows0123.GetElement(3));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 4 * stride), rows4567.GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 5 * stride), rows4567.GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 6 * stride), rows4567.GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 7 * stride), rows4567.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(ref int coefficients, ref int quant, int offset) =>
        Vector256.LoadUnsafe(ref coefficients, (nuint)offset) * Vector256.LoadUnsafe(ref quant, (nuint)offset);

    // The LLM butterfly of Transform8x8Scalar on 8 lanes; inputs are overwritten with outputs 0..7.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector256<int> i0, ref Vector256<int> i1, ref Vector256<int> i2, ref Vector256<int> i3,
        ref Vector256<int> i4, ref Vector256<int> i5, ref Vector256<int> i6, ref Vector256<int> i7, Vector256<int> round, [System.Diagnostics.CodeAnalysis.ConstantExpected] int shift)
    {
        var z1 = (i2 + i6) * Vector256.Create(Fix0_541196100);
        var tmp2 = z1 + (i6 * Vector256.Create(-Fix1_847759065));
        var tmp3 = z1 + (i2 * Vector256.Create(Fix0_765366865));
        var tmp0 = (i0 + i4) << ConstBits;
        var tmp1 = (i0 - i4) << ConstBits;
        var tmp10 = tmp0 + tmp3 + round;
        var tmp13 = tmp0 - tmp3 + round;
        var tmp11 = tmp1 + tmp2 + round;
        var tmp12 = tmp1 - tmp2 + round;

        var o0 = i7;
        var o1 = i5;
        var o2 = i3;
        var o3 = i1;
        z1 = o0 + o3;
        var z2 = o1 + o2;
        var z3 = o0 + o2;
        var z4 = o1 + o3;
        var z5 = (z3 + z4) * Vector256.Create(Fix1_175875602);
        o0 *= Vector256.Create(Fix0_298631336);
        o1 *= Vector256.Create(Fix2_053119869);
        o2 *= Vector256.Create(Fix3_072711026);
        o3 *= Vector256.Create(Fix1_501321110);
        z1 *= Vector256.Create(-Fix0_899976223);
        z2 *= Vector256.Create(-Fix2_562915447);
        z3 = (z3 * Vector256.Create(-Fix1_961570560)) + z5;
        z4 = (z4 * Vector256.Create(-Fix0_390180644)) + z5;
        o0 += z1 + z3;
        o1 += z2 + z4;
        o2 += z2 + z3;
        o3 += z1 + z4;

        i0 = Vector256.ShiftRightArithmetic(tmp10 + o3, shift);
        i7 = Vector256.ShiftRightArithmetic(tmp10 - o3, shift);
        i1 = Vector256.ShiftRightArithmetic(tmp11 + o2, shift);
        i6 = Vector256.ShiftRightArithmetic(tmp11 - o2, shift);
        i2 = Vector256.ShiftRightArithmetic(tmp12 + o1, shift);
        i5 = Vector256.ShiftRightArithmetic(tmp12 - o1, shift);
        i3 = Vector256.ShiftRightArithmetic(tmp13 + o0, shift);
        i4 = Vector256.ShiftRightArithmetic(tmp13 - o0, shift);
    }

    // 8x8 int32 transpose: 32-bit unpacks, 64-bit unpacks, then 128-bit lane swaps.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        var t0 = Avx2.UnpackLow(r0, r1).AsInt64();
        var t1 = Avx2.UnpackHigh(r0, r1).AsInt64();
        var t2 = Avx2.UnpackLow(r2, r3).AsInt64();
        var t3 = Avx2.UnpackHigh(r2, r3).AsInt64();
        var t4 = Avx2.UnpackLow(r4, r5).AsInt64();
        var t5 = Avx2.UnpackHigh(r4, r5).AsInt64();
        var t6 = Avx2.UnpackLow(r6, r7).AsInt64();
        var t7 = Avx2.UnpackHigh(r6, r7).AsInt64();
        var u0 = Avx2.UnpackLow(t0, t2).AsInt32();
        var u1 = Avx2.UnpackHigh(t0, t2).AsInt32();
        var u2 = Avx2.UnpackLow(t1, t3).AsInt32();
        var u3 = Avx2.UnpackHigh(t1, t3).AsInt32();
        var u4 = Avx2.UnpackLow(t4, t6).AsInt32();
        var u5 = Avx2.UnpackHigh(t4, t6).AsInt32();
        var u6 = Avx2.UnpackLow(t5, t7).AsInt32();
        var u7 = Avx2.UnpackHigh(t5, t7).AsInt32();
        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }
}
