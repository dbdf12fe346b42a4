using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

public static partial class GaussianBlur
{
    /// <summary>
    /// The 8-bit kernel in Q8 fixed point (taps sum to exactly 256), quantised the way OpenCV's bit-exact
    /// 8-bit Gaussian does (imgproc smooth.dispatch.cpp, getGaussianKernelFixedPoint_ED): taps in double,
    /// rounded from the outermost pair inwards with the rounding error carried to the next tap (error
    /// diffusion), and the centre tap taking whatever makes the sum 256.
    /// </summary>
    internal static ushort[] FixedKernel(float sigma)
    {
        int r = KernelRadius(sigma, forBytes: true), n = (2 * r) + 1;
        double scale2 = -0.5 / ((double)sigma * sigma), sum = 1;
        var taps = new double[r];
        for (int i = 0; i < r; i++)
        {
            double x = i - r;
            taps[i] = Math.Exp(scale2 * x * x);
            sum += 2 * taps[i];
        }

        var q = new ushort[n];
        double err = 0;
        int total = 0;
        for (int i = 0; i < r; i++)
        {
            double adjusted = (taps[i] / sum * 256.0) + err;
            int v = (int)Math.Round(adjusted, MidpointRounding.ToEven);
            err = adjusted - v;
            q[i] = q[n - 1 - i] = (ushort)v;
            total += 2 * v;
        }

        q[r] = (ushort)(256 - total);
        return q;
    }

    /// <summary>
    /// 8-bit blur of output rows [y0, y1) entirely in 16-bit lanes (16 per Vector256):
    /// vertical V = Σ k·p in Q8 (≤ 255·256, exact in 16 bits because the Q8 taps sum to 256), then
    /// horizontal on V split into its high and low bytes, Hs = Σ k·(V ≫ 8) and Ls = Σ k·(V &amp; 255) (each again
    /// ≤ 255·256), recombined as round(Σ k·V / 2^16) = (Hs + (Ls ≫ 8) + 128) ≫ 8 — exact, because 2^15 = 128·256.
    /// </summary>
    internal static void BlurRowsFixed(ReadOnlySpan<byte> src, int width, int height, int channels, Span<byte> dst, ushort[] k, int y0, int y1)
    {
        int r = k.Length / 2, stride = width * channels, rc = r * channels;
        ushort[] rowBuf = ArrayPool<ushort>.Shared.Rent(2 * (stride + (2 * rc)));
        int[] offsets = ArrayPool<int>.Shared.Rent(k.Length);
        try
        {
            // The vertical result V is stored split into its high and low bytes (two padded rows), so the
            // horizontal pass is two plain 16-bit convolutions.
            var high = rowBuf.AsSpan(0, stride + (2 * rc));
            var low = rowBuf.AsSpan(stride + (2 * rc), stride + (2 * rc));
            for (int y = y0; y < y1; y++)
            {
                for (int j = -r; j <= r; j++)
                {
                    offsets[j + r] = Border.Reflect101(y + j, height) * stride;
                }

                VerticalFixed(src, offsets.AsSpan(0, k.Length), k, high.Slice(rc, stride), low.Slice(rc, stride));
                for (int i = 1; i <= r; i++)
                {
                    int left = Border.Reflect101(-i, width), right = Border.Reflect101(width - 1 + i, width);
                    high.Slice(rc + (left * channels), channels).CopyTo(high.Slice(rc - (i * channels), channels));
                    high.Slice(rc + (right * channels), channels).CopyTo(high.Slice(rc + ((width - 1 + i) * channels), channels));
                    low.Slice(rc + (left * channels), channels).CopyTo(low.Slice(rc - (i * channels), channels));
                    low.Slice(rc + (right * channels), channels).CopyTo(low.Slice(rc + ((width - 1 + i) * channels), channels));
                }

                HorizontalFixed(high, low, channels, k, dst.Slice(y * stride, stride));
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(rowBuf);
            ArrayPool<int>.Shared.Return(offsets);
        }
    }

    /// <summary>Reference for the fixed-point 8-bit path: the same integer formula, one pixel at a time, in int.</summary>
    internal static void BlurFixedScalar(ReadOnlySpan<byte> src, int width, int height, int channels, Span<byte> dst, ushort[] k)
    {
        int r = k.Length / 2, stride = width * channels;
        var v = new int[width * channels];
        for (int y = 0; y < height; y++)
        {
            for (int i = 0; i < stride; i++)
            {
                int acc = 0;
                for (int j = -r; j <= r; j++)
                {
                    acc += k[j + r] * src[(Border.Reflect101(y + j, height) * stride) + i];
                }

                v[i] = acc;
            }

            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    long acc = 0;
                    for (int i = -r; i <= r; i++)
                    {
                        acc += (long)k[i + r] * v[(Border.Reflect101(x + i, width) * channels) + c];
                    }

                    dst[(y * stride) + (x * channels) + c] = (byte)((acc + 32768) >> 16);
                }
            }
        }
    }

    private static void VerticalFixed(ReadOnlySpan<byte> src, ReadOnlySpan<int> rowOffsets, ReadOnlySpan<ushort> k, Span<ushort> high, Span<ushort> low)
    {
        int r = k.Length / 2, n = high.Length, x = 0;
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref ushort dh = ref MemoryMarshal.GetReference(high);
        ref ushort dl = ref MemoryMarshal.GetReference(low);
        ref int off = ref MemoryMarshal.GetReference(rowOffsets);
        ref ushort kk = ref MemoryMarshal.GetReference(k);
        int centre = Unsafe.Add(ref off, r);
        ushort k0 = Unsafe.Add(ref kk, r);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; x <= n - 16; x += 16)
            {
                // 16 bytes → 16 ushort lanes (zero-extended); 16-bit multiply-low is exact (products ≤ 65280).
                var acc = Widen(ref Unsafe.Add(ref s, centre + x)) * k0;
                for (int j = 1; j <= r; j++)
                {
                    var pair = Widen(ref Unsafe.Add(ref s, Unsafe.Add(ref off, r - j) + x)) + Widen(ref Unsafe.Add(ref s, Unsafe.Add(ref off, r + j) + x));
                    acc += pair * Unsafe.Add(ref kk, r + j);
                }

                Vector256.ShiftRightLogical(acc, 8).StoreUnsafe(ref dh, (nuint)x);
                (acc & Vector256.Create((ushort)0xFF)).StoreUnsafe(ref dl, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            int acc = Unsafe.Add(ref s, centre + x) * k0;
            for (int j = 1; j <= r; j++)
            {
                acc += (Unsafe.Add(ref s, Unsafe.Add(ref off, r - j) + x) + Unsafe.Add(ref s, Unsafe.Add(ref off, r + j) + x)) * Unsafe.Add(ref kk, r + j);
            }

            Unsafe.Add(ref dh, x) = (ushort)(acc >> 8);
            Unsafe.Add(ref dl, x) = (ushort)(acc & 0xFF);
        }
    }

    private static void HorizontalFixed(ReadOnlySpan<ushort> high, ReadOnlySpan<ushort> low, int channels, ReadOnlySpan<ushort> k, Span<byte> dst)
    {
        int r = k.Length / 2, n = dst.Length, x = 0, rc = r * channels;
        ref ushort ph = ref MemoryMarshal.GetReference(high);
        ref ushort pl = ref MemoryMarshal.GetReference(low);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        ref ushort kk = ref MemoryMarshal.GetReference(k);
        ushort k0 = Unsafe.Add(ref kk, r);
        if (Vector256.IsHardwareAccelerated)
        {
            var half = Vector256.Create((ushort)128);
            for (; x <= n - 16; x += 16)
            {
                ref ushort ch = ref Unsafe.Add(ref ph, rc + x);
                ref ushort cl = ref Unsafe.Add(ref pl, rc + x);
                var hi = Vector256.LoadUnsafe(ref ch) * k0;
                var lo = Vector256.LoadUnsafe(ref cl) * k0;
                for (int j = 1; j <= r; j++)
                {
                    // Mirrored taps paired; every partial sum stays ≤ 255·256 (the taps sum to 256).
                    int o = j * channels;
                    ushort kj = Unsafe.Add(ref kk, r + j);
                    hi += (Vector256.LoadUnsafe(ref Unsafe.Add(ref ch, -o)) + Vector256.LoadUnsafe(ref Unsafe.Add(ref ch, o))) * kj;
                    lo += (Vector256.LoadUnsafe(ref Unsafe.Add(ref cl, -o)) + Vector256.LoadUnsafe(ref Unsafe.Add(ref cl, o))) * kj;
                }

                // (Hs + (Ls ≫ 8) + 128) ≫ 8 ≤ 255, so narrowing to bytes loses nothing.
                var result = Vector256.ShiftRightLogical(hi + Vector256.ShiftRightLogical(lo, 8) + half, 8);
                Vector256.Narrow(result, result).GetLower().StoreUnsafe(ref d, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            ref ushort ch = ref Unsafe.Add(ref ph, rc + x);
            ref ushort cl = ref Unsafe.Add(ref pl, rc + x);
            int hi = ch * k0, lo = cl * k0;
            for (int j = 1; j <= r; j++)
            {
                int o = j * channels, kj = Unsafe.Add(ref kk, r + j);
                hi += (Unsafe.Add(ref ch, -o) + Unsafe.Add(ref ch, o)) * kj;
                lo += (Unsafe.Add(ref cl, -o) + Unsafe.Add(ref cl, o)) * kj;
            }

            Unsafe.Add(ref d, x) = (byte)((hi + (lo >> 8) + 128) >> 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Widen(ref byte b) => Vector256.WidenLower(Vector128.LoadUnsafe(ref b).ToVector256Unsafe());
}
