using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

/// <summary>
/// Normalised box (mean) filter over a (2r+1)×(2r+1) window with BORDER_REFLECT_101, the same result as
/// OpenCV's <c>cv::blur</c> with its default border. Cost is O(1) per pixel for any radius: a running
/// sum per column down the image and a running sum along each row.
/// </summary>
/// <remarks>
/// Float planes accumulate in <see cref="double"/> and bytes in <see cref="int"/>, so running sums do not
/// drift (floats would lose ~1e-4 relative over a 4000-row image).
/// </remarks>
public static class BoxBlur
{
    /// <summary>Box-blurs a float plane into <paramref name="dst"/> (same length; must not alias <paramref name="src"/>).</summary>
    public static void Blur(ReadOnlySpan<float> src, int width, int height, Span<float> dst, int radius)
    {
        Validate(src.Length, dst.Length, width, height, radius);
        if (src.Overlaps(dst))
        {
            throw new ArgumentException("Box blur cannot run in place: src and dst overlap.", nameof(dst));
        }

        double scale = 1.0 / ((double)((2 * radius) + 1) * ((2 * radius) + 1));
        double[] col = ArrayPool<double>.Shared.Rent(width);
        double[] padded = ArrayPool<double>.Shared.Rent(width + (2 * radius));
        try
        {
            var colSum = col.AsSpan(0, width);
            colSum.Clear();
            for (int dy = -radius; dy <= radius; dy++)
            {
                AddRow(src.Slice(Border.Reflect101(dy, height) * width, width), colSum, 1.0);
            }

            for (int y = 0; y < height; y++)
            {
                if (y > 0)
                {
                    // Slide the column window down one row: add the entering row, drop the leaving one.
                    AddRow(src.Slice(Border.Reflect101(y + radius, height) * width, width), colSum, 1.0);
                    AddRow(src.Slice(Border.Reflect101(y - 1 - radius, height) * width, width), colSum, -1.0);
                }

                var d = dst.Slice(y * width, width);
                var p = padded.AsSpan(0, width + (2 * radius));
                for (int i = 0; i < p.Length; i++)
                {
                    p[i] = colSum[Border.Reflect101(i - radius, width)];
                }

                double s = 0;
                for (int i = 0; i < 2 * radius; i++)
                {
                    s += p[i];
                }

                for (int x = 0; x < width; x++)
                {
                    s += p[x + (2 * radius)];
                    d[x] = (float)(s * scale);
                    s -= p[x];
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(col);
            ArrayPool<double>.Shared.Return(padded);
        }
    }

    /// <summary>
    /// Box-blurs an 8-bit plane; each output is round-half-even(sum / area), as OpenCV's 8-bit box filter.
    /// </summary>
    public static void Blur(ReadOnlySpan<byte> src, int width, int height, Span<byte> dst, int radius)
    {
        Validate(src.Length, dst.Length, width, height, radius);
        if (src.Overlaps(dst))
        {
            throw new ArgumentException("Box blur cannot run in place: src and dst overlap.", nameof(dst));
        }

        double scale = 1.0 / ((double)((2 * radius) + 1) * ((2 * radius) + 1));
        int[] col = ArrayPool<int>.Shared.Rent(width);
        int[] padded = ArrayPool<int>.Shared.Rent(width + (2 * radius));
        try
        {
            var colSum = col.AsSpan(0, width);
            colSum.Clear();
            for (int dy = -radius; dy <= radius; dy++)
            {
                AddRow(src.Slice(Border.Reflect101(dy, height) * width, width), colSum, 1);
            }

            for (int y = 0; y < height; y++)
            {
                if (y > 0)
                {
                    AddRow(src.Slice(Border.Reflect101(y + radius, height) * width, width), colSum, 1);
                    AddRow(src.Slice(Border.Reflect101(y - 1 - radius, height) * width, width), colSum, -1);
                }

                var d = dst.Slice(y * width, width);
                var p = padded.AsSpan(0, width + (2 * radius));
                for (int i = 0; i < p.Length; i++)
                {
                    p[i] = colSum[Border.Reflect101(i - radius, width)];
                }

                int s = 0;
                for (int i = 0; i < 2 * radius; i++)
                {
                    s += p[i];
                }

                for (int x = 0; x < width; x++)
                {
                    s += p[x + (2 * radius)];
                    d[x] = (byte)Math.Round(s * scale, MidpointRounding.ToEven);
                    s -= p[x];
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(col);
            ArrayPool<int>.Shared.Return(padded);
        }
    }

    /// <summary>Box-blurs a single-channel float buffer into a new buffer.</summary>
    public static PixelBuffer<float> Blur(PixelBuffer<float> src, int radius)
    {
        ArgumentNullException.ThrowIfNull(src);
        RequireSingleChannel(src.Channels);
        var dst = new PixelBuffer<float>(src.Width, src.Height, 1, clear: false);
        Blur(src.Span, src.Width, src.Height, dst.Span, radius);
        return dst;
    }

    /// <summary>Box-blurs a single-channel byte buffer into a new buffer.</summary>
    public static PixelBuffer<byte> Blur(PixelBuffer<byte> src, int radius)
    {
        ArgumentNullException.ThrowIfNull(src);
        RequireSingleChannel(src.Channels);
        var dst = new PixelBuffer<byte>(src.Width, src.Height, 1, clear: false);
        Blur(src.Span, src.Width, src.Height, dst.Span, radius);
        return dst;
    }

    /// <summary>Reference: the window mean summed directly (O(r²) per pixel) in double.</summary>
    internal static void BlurScalar(ReadOnlySpan<float> src, int width, int height, Span<float> dst, int radius)
    {
        Validate(src.Length, dst.Length, width, height, radius);
        double scale = 1.0 / ((double)((2 * radius) + 1) * ((2 * radius) + 1));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double s = 0;
                for (int dy = -radius; dy <= radius; dy++)
                {
                    int yy = Border.Reflect101(y + dy, height);
                    for (int dx = -radius; dx <= radius; dx++)
                    {
                        s += src[(yy * width) + Border.Reflect101(x + dx, width)];
                    }
                }

                dst[(y * width) + x] = (float)(s * scale);
            }
        }
    }

    private static void Validate(int srcLength, int dstLength, int width, int height, int radius)
    {
        KernelGuard.Plane(srcLength, width, height, 1, "src");
        KernelGuard.SameLength(srcLength, dstLength, "src", "dst");
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
    }

    private static void RequireSingleChannel(int channels)
    {
        if (channels != 1)
        {
            throw new ArgumentException($"Box blur works per plane; got {channels} channels.", "src");
        }
    }

    // colSum[x] += sign · row[x], widening float → double: 4 doubles per Vector256, two per loaded float vector.
    private static void AddRow(ReadOnlySpan<float> row, Span<double> colSum, double sign)
    {
        ref float r = ref MemoryMarshal.GetReference(row);
        ref double c = ref MemoryMarshal.GetReference(colSum);
        int n = row.Length, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(sign);
            for (; x <= n - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)x);
                var (lo, hi) = Vector256.Widen(v);
                (Vector256.LoadUnsafe(ref c, (nuint)x) + (lo * vs)).StoreUnsafe(ref c, (nuint)x);
                (Vector256.LoadUnsafe(ref c, (nuint)(x + 4)) + (hi * vs)).StoreUnsafe(ref c, (nuint)(x + 4));
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref c, x) += sign * Unsafe.Add(ref r, x);
        }
    }

    // colSum[x] += sign · row[x] for bytes: widen byte → ushort → int (8 ints per Vector256).
    private static void AddRow(ReadOnlySpan<byte> row, Span<int> colSum, int sign)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref int c = ref MemoryMarshal.GetReference(colSum);
        int n = row.Length, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(sign);
            for (; x <= n - Vector128<byte>.Count; x += Vector128<byte>.Count)
            {
                // 16 bytes → 16 ushorts (one Vector256) → two Vector256<uint> of 8 lanes each.
                var u16 = Vector256.WidenLower(Vector128.LoadUnsafe(ref r, (nuint)x).ToVector256Unsafe());
                var (u0, u1) = Vector256.Widen(u16);
                var i0 = u0.AsInt32();
                var i1 = u1.AsInt32();
                (Vector256.LoadUnsafe(ref c, (nuint)x) + (i0 * vs)).StoreUnsafe(ref c, (nuint)x);
                (Vector256.LoadUnsafe(ref c, (nuint)(x + 8)) + (i1 * vs)).StoreUnsafe(ref c, (nuint)(x + 8));
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref c, x) += sign * Unsafe.Add(ref r, x);
        }
    }
}
