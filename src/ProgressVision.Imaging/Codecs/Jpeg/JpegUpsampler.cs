using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// libjpeg's "fancy" (triangle-filter) chroma upsampling for 2:1 ratios (jdsample.c behaviour): each
/// output sample is 3/4 of the nearer input plus 1/4 of the next one, with alternating rounding bias
/// so 0.5 does not always round up. Scalar references plus AVX2 bodies (16 inputs → 32 outputs per step).
/// Inputs need at least 3 samples (libjpeg falls back to box replication below that).
/// </summary>
internal static class JpegUpsampler
{
    /// <summary>Horizontal 2:1: <paramref name="output"/> gets 2 × input.Length samples.</summary>
    public static void H2V1Fancy(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int done = Avx2.IsSupported ? H2V1FancyAvx2(input, output) : 0;
        H2V1FancyScalar(input, output, done);
    }

    /// <summary>
    /// 2-D 2:1: column sums 3·near + far (vertical 3/4, 1/4), then the same horizontally; weights
    /// 9/16, 3/16, 3/16, 1/16 with biases 8 and 7 alternating.
    /// </summary>
    public static void H2V2Fancy(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<byte> output, Span<short> colSums)
    {
        int done = Avx2.IsSupported ? H2V2FancyAvx2(near, far, output, colSums) : 0;
        H2V2FancyScalar(near, far, output, colSums, done);
    }

    /// <summary>AVX2 body: produces outputs for inputs [1, returned) — the caller's scalar pass does the rest.</summary>
    internal static int H2V1FancyAvx2(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int n = input.Length;
        if (n < 18 || output.Length < 2 * n)
        {
            return 0;
        }

        ref byte src = ref MemoryMarshal.GetReference(input);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        var one = Vector256.Create((short)1);
        var two = Vector256.Create((short)2);
        int i = 1;

        // Needs input[i + 16] (the right neighbour of the last lane), so stop while i + 17 <= n.
        for (; i + 17 <= n; i += 16)
        {
            var c = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref src, (nuint)i));
            var l = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref src, (nuint)(i - 1)));
            var r = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref src, (nuint)(i + 1)));
            var c3 = c + c + c;
            var even = Vector256.ShiftRightLogical(c3 + l + one, 2);
            var odd = Vector256.ShiftRightLogical(c3 + r + two, 2);
            Interleave(even, odd).StoreUnsafe(ref dst, (nuint)(2 * i));
        }

        return i;
    }

    /// <summary>AVX2 body of <see cref="H2V2Fancy"/>: returns the first input index left to the scalar pass.</summary>
    internal static int H2V2FancyAvx2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<byte> output, Span<short> colSums)
    {
        int n = near.Length;
        if (n < 18 || far.Length < n || output.Length < 2 * n || colSums.Length < n)
        {
            return 0;
        }

        ref byte pn = ref MemoryMarshal.GetReference(near);
        ref byte pf = ref MemoryMarshal.GetReference(far);
        ref short cs = ref MemoryMarshal.GetReference(colSums);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        int k = 0;
        for (; k + 16 <= n; k += 16)
        {
            var a = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pn, (nuint)k));
            var b = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pf, (nuint)k));
            (a + a + a + b).StoreUnsafe(ref cs, (nuint)k);
        }

        for (; k < n; k++)
        {
            Unsafe.Add(ref cs, k) = (short)((Unsafe.Add(ref pn, k) * 3) + Unsafe.Add(ref pf, k));
        }

        var eight = Vector256.Create((short)8);
        var seven = Vector256.Create((short)7);
        int i = 1;
        for (; i + 17 <= n; i += 16)
        {
            var c = Vector256.LoadUnsafe(ref cs, (nuint)i);
            var l = Vector256.LoadUnsafe(ref cs, (nuint)(i - 1));
            var r = Vector256.LoadUnsafe(ref cs, (nuint)(i + 1));
            var c3 = c + c + c;
            var even = Vector256.ShiftRightLogical(c3 + l + eight, 4);
            var odd = Vector256.ShiftRightLogical(c3 + r + seven, 4);
            Interleave(even, odd).StoreUnsafe(ref dst, (nuint)(2 * i));
        }

        // Column sums are all computed; tell the scalar pass to start its output loop at i
        // (it recomputes sums only from there, which is harmless).
        return i;
    }

    // even/odd 16-bit lanes → 32 bytes e0 o0 e1 o1 ...: per-lane unpacks then a per-lane pack keep the order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Interleave(Vector256<short> even, Vector256<short> odd) =>
        Avx2.PackUnsignedSaturate(Avx2.UnpackLow(even, odd), Avx2.UnpackHigh(even, odd));

    /// <summary>Horizontal triangle filter: outputs at 1/4 and 3/4 between input centres, with alternating rounding bias.</summary>
    internal static void H2V1FancyScalar(ReadOnlySpan<byte> input, Span<byte> output, int start)
    {
        int n = input.Length;
        output[0] = input[0];
        output[1] = (byte)(((input[0] * 3) + input[1] + 2) >> 2);
        for (int i = Math.Max(1, start); i < n - 1; i++)
        {
            int v = input[i] * 3;
            output[2 * i] = (byte)((v + input[i - 1] + 1) >> 2);
            output[(2 * i) + 1] = (byte)((v + input[i + 1] + 2) >> 2);
        }

        output[2 * (n - 1)] = (byte)(((input[n - 1] * 3) + input[n - 2] + 1) >> 2);
        output[(2 * n) - 1] = input[n - 1];
    }

    /// <summary>
    /// 2-D triangle filter: column sums 3·near + far (vertical 3/4, 1/4), then the same horizontally;
    /// weights 9/16, 3/16, 3/16, 1/16 with biases 8 and 7 alternating (jdsample.c).
    /// </summary>
    internal static void H2V2FancyScalar(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<byte> output, Span<short> colSums, int start)
    {
        int n = near.Length;
        for (int i = start; i < n; i++)
        {
            colSums[i] = (short)((near[i] * 3) + far[i]);
        }

        output[0] = (byte)(((colSums[0] * 4) + 8) >> 4);
        output[1] = (byte)(((colSums[0] * 3) + colSums[1] + 7) >> 4);
        for (int i = Math.Max(1, start); i < n - 1; i++)
        {
            int v = colSums[i] * 3;
            output[2 * i] = (byte)((v + colSums[i - 1] + 8) >> 4);
            output[(2 * i) + 1] = (byte)((v + colSums[i + 1] + 7) >> 4);
        }

        output[2 * (n - 1)] = (byte)(((colSums[n - 1] * 3) + colSums[n - 2] + 8) >> 4);
        output[(2 * n) - 1] = (byte)(((colSums[n - 1] * 4) + 7) >> 4);
    }
}
