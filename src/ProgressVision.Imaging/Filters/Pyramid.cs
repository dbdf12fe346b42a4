using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

/// <summary>Gaussian image pyramid: blur then 2× decimation, as OpenCV's <c>pyrDown</c> (BORDER_REFLECT_101).</summary>
public static class Pyramid
{
    /// <summary>
    /// Halves a float plane with the 5-tap binomial kernel [1 4 6 4 1]/16 (as OpenCV pyrDown):
    /// output (x, y) is centred on input (2x, 2y); size is ceil(w/2) × ceil(h/2).
    /// </summary>
    public static PixelBuffer<float> Down(PixelBuffer<float> src)
    {
        ArgumentNullException.ThrowIfNull(src);
        if (src.Channels != 1)
        {
            throw new ArgumentException($"Pyramid.Down works on single-channel planes, got {src}.", nameof(src));
        }

        var dst = new PixelBuffer<float>((src.Width + 1) / 2, (src.Height + 1) / 2, 1, clear: false);
        Down(src.Span, src.Width, src.Height, dst.Span);
        return dst;
    }

    /// <summary>Span form: <paramref name="dst"/> holds ceil(w/2) × ceil(h/2) floats.</summary>
    public static void Down(ReadOnlySpan<float> src, int width, int height, Span<float> dst)
    {
        KernelGuard.Plane(src.Length, width, height, 1, nameof(src));
        int ow = (width + 1) / 2, oh = (height + 1) / 2;
        KernelGuard.Plane(dst.Length, ow, oh, 1, nameof(dst));

        // Vertical 5-tap pass into a row padded by 2 reflected pixels each side, then the horizontal pass
        // evaluated only at even positions.
        float[] buf = ArrayPool<float>.Shared.Rent(width + 4);
        try
        {
            var padded = buf.AsSpan(0, width + 4);
            for (int y = 0; y < oh; y++)
            {
                int r0 = Border.Reflect101((2 * y) - 2, height) * width, r1 = Border.Reflect101((2 * y) - 1, height) * width;
                int r2 = Border.Reflect101(2 * y, height) * width, r3 = Border.Reflect101((2 * y) + 1, height) * width;
                int r4 = Border.Reflect101((2 * y) + 2, height) * width;
                Vertical(src, r0, r1, r2, r3, r4, padded.Slice(2, width));
                for (int i = 1; i <= 2; i++)
                {
                    padded[2 - i] = padded[2 + Border.Reflect101(-i, width)];
                    padded[1 + width + i] = padded[2 + Border.Reflect101(width - 1 + i, width)];
                }

                HorizontalEven(padded, dst.Slice(y * ow, ow));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buf);
        }
    }

    /// <summary>Reference: horizontal then vertical, scalar, explicit reflect-101 (the original first version).</summary>
    internal static void DownScalar(ReadOnlySpan<float> src, int w, int h, Span<float> dst)
    {
        int ow = (w + 1) / 2, oh = (h + 1) / 2;
        ReadOnlySpan<float> k = [1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f];
        var tmp = new float[ow * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                float acc = 0;
                for (int i = -2; i <= 2; i++)
                {
                    acc += k[i + 2] * src[(y * w) + Border.Reflect101((2 * x) + i, w)];
                }

                tmp[(y * ow) + x] = acc;
            }
        }

        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                float acc = 0;
                for (int i = -2; i <= 2; i++)
                {
                    acc += k[i + 2] * tmp[(Border.Reflect101((2 * y) + i, h) * ow) + x];
                }

                dst[(y * ow) + x] = acc;
            }
        }
    }

    // OpenCV's BORDER_REFLECT_101: gfedcb|abcdefgh|gfedcba.
    internal static int Reflect101(int i, int n) => Border.Reflect101(i, n);

    // dst = (r0 + r4) + 4(r1 + r3) + 6 r2, scaled by 1/16 (the other 1/16 is applied horizontally).
    private static void Vertical(ReadOnlySpan<float> src, int r0, int r1, int r2, int r3, int r4, Span<float> dst)
    {
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int n = dst.Length, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; x <= n - 8; x += 8)
            {
                var a = Vector256.LoadUnsafe(ref Unsafe.Add(ref s, r0 + x)) + Vector256.LoadUnsafe(ref Unsafe.Add(ref s, r4 + x));
                var b = Vector256.LoadUnsafe(ref Unsafe.Add(ref s, r1 + x)) + Vector256.LoadUnsafe(ref Unsafe.Add(ref s, r3 + x));
                var c = Vector256.LoadUnsafe(ref Unsafe.Add(ref s, r2 + x));
                ((a + (b * 4f) + (c * 6f)) * (1f / 16f)).StoreUnsafe(ref d, (nuint)x);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; x <= n - 4; x += 4)
            {
                var a = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, r0 + x)) + Vector128.LoadUnsafe(ref Unsafe.Add(ref s, r4 + x));
                var b = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, r1 + x)) + Vector128.LoadUnsafe(ref Unsafe.Add(ref s, r3 + x));
                var c = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, r2 + x));
                ((a + (b * 4f) + (c * 6f)) * (1f / 16f)).StoreUnsafe(ref d, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            float a = Unsafe.Add(ref s, r0 + x) + Unsafe.Add(ref s, r4 + x);
            float b = Unsafe.Add(ref s, r1 + x) + Unsafe.Add(ref s, r3 + x);
            Unsafe.Add(ref d, x) = (a + (b * 4f) + (Unsafe.Add(ref s, r2 + x) * 6f)) * (1f / 16f);
        }
    }

    // dst[x] = (p[2x] + p[2x+4]) + 4(p[2x+1] + p[2x+3]) + 6 p[2x+2], /16, where p is padded by 2.
    private static void HorizontalEven(ReadOnlySpan<float> padded, Span<float> dst)
    {
        ref float p = ref MemoryMarshal.GetReference(padded);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int n = dst.Length, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Evaluate the filter at 16 consecutive positions (two vectors), then keep the even ones:
            // permute each vector's even lanes into its low half and join the two halves.
            var evens = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            int limit = padded.Length - 4 - 16;
            for (; x <= n - 8 && 2 * x <= limit; x += 8)
            {
                ref float q = ref Unsafe.Add(ref p, 2 * x);
                var lo = Filter(ref q);
                var hi = Filter(ref Unsafe.Add(ref q, 8));
                var even = Vector256.Create(Vector256.Shuffle(lo, evens).GetLower(), Vector256.Shuffle(hi, evens).GetLower());
                even.StoreUnsafe(ref d, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            ref float q = ref Unsafe.Add(ref p, 2 * x);
            float a = q + Unsafe.Add(ref q, 4), b = Unsafe.Add(ref q, 1) + Unsafe.Add(ref q, 3);
            Unsafe.Add(ref d, x) = (a + (b * 4f) + (Unsafe.Add(ref q, 2) * 6f)) * (1f / 16f);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Filter(ref float q)
    {
        var a = Vector256.LoadUnsafe(ref q) + Vector256.LoadUnsafe(ref q, 4);
        var b = Vector256.LoadUnsafe(ref q, 1) + Vector256.LoadUnsafe(ref q, 3);
        return (a + (b * 4f) + (Vector256.LoadUnsafe(ref q, 2) * 6f)) * (1f / 16f);
    }
}
