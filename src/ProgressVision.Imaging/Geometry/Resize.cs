using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Geometry;

/// <summary>
/// Bilinear resizing with OpenCV <c>INTER_LINEAR</c> semantics: pixel centres are aligned, i.e. output
/// pixel d samples the source at s = (d + 0.5)·(srcSize/dstSize) − 0.5, with samples left of the first
/// or right of the last pixel centre clamped to that pixel. No anti-aliasing: shrinking by more than 2×
/// skips pixels, exactly as OpenCV does (blur first, or use <see cref="Filters.Pyramid"/>).
/// </summary>
public static class Resize
{
    /// <summary>Resizes an interleaved float image of <paramref name="channels"/> channels.</summary>
    public static void Bilinear(
        ReadOnlySpan<float> src, int srcWidth, int srcHeight, int channels, Span<float> dst, int dstWidth, int dstHeight)
    {
        KernelGuard.Plane(src.Length, srcWidth, srcHeight, channels, nameof(src));
        KernelGuard.Plane(dst.Length, dstWidth, dstHeight, channels, nameof(dst));
        int sRow = srcWidth * channels, dRow = dstWidth * channels;
        var plan = AxisPlan.Rent(srcWidth, srcHeight, dstWidth, dstHeight, channels);
        float[] rows = ArrayPool<float>.Shared.Rent(2 * dRow);
        try
        {
            var h0 = rows.AsSpan(0, dRow);
            var h1 = rows.AsSpan(dRow, dRow);
            int have0 = -1, have1 = -1;
            for (int dy = 0; dy < dstHeight; dy++)
            {
                int sy = plan.YIndex[dy];
                int sy1 = Math.Min(sy + 1, srcHeight - 1);

                // Horizontal passes are cached: consecutive output rows usually reuse the same two source rows.
                if (have0 != sy)
                {
                    if (have1 == sy)
                    {
                        // Moving down one row: the old lower row becomes the upper one, no recompute.
                        var t = h0;
                        h0 = h1;
                        h1 = t;
                        (have0, have1) = (sy, have0);
                    }
                    else
                    {
                        Horizontal(src.Slice(sy * sRow, sRow), h0, plan);
                        have0 = sy;
                    }
                }

                if (have1 != sy1)
                {
                    Horizontal(src.Slice(sy1 * sRow, sRow), h1, plan);
                    have1 = sy1;
                }

                float b = plan.YFrac[dy];
                Vertical(h0, h1, 1f - b, b, dst.Slice(dy * dRow, dRow));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
            plan.Return();
        }
    }

    /// <summary>Resizes a single- or multi-channel float buffer into a new buffer.</summary>
    public static PixelBuffer<float> Bilinear(PixelBuffer<float> src, int dstWidth, int dstHeight)
    {
        ArgumentNullException.ThrowIfNull(src);
        var dst = new PixelBuffer<float>(dstWidth, dstHeight, src.Channels, clear: false);
        Bilinear(src.Span, src.Width, src.Height, src.Channels, dst.Span, dstWidth, dstHeight);
        return dst;
    }

    /// <summary>
    /// Resizes an interleaved 8-bit image. Interpolation is in float and rounded to nearest; results can
    /// differ from OpenCV's 11-bit fixed-point path by ±1.
    /// </summary>
    public static void Bilinear(
        ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels, Span<byte> dst, int dstWidth, int dstHeight)
    {
        KernelGuard.Plane(src.Length, srcWidth, srcHeight, channels, nameof(src));
        KernelGuard.Plane(dst.Length, dstWidth, dstHeight, channels, nameof(dst));
        int sRow = srcWidth * channels, dRow = dstWidth * channels;
        var plan = AxisPlan.Rent(srcWidth, srcHeight, dstWidth, dstHeight, channels);
        float[] rows = ArrayPool<float>.Shared.Rent((3 * dRow) + sRow);
        try
        {
            var h0 = rows.AsSpan(0, dRow);
            var h1 = rows.AsSpan(dRow, dRow);
            var mixed = rows.AsSpan(2 * dRow, dRow);
            var srcRow = rows.AsSpan(3 * dRow, sRow);
            int have0 = -1, have1 = -1;
            for (int dy = 0; dy < dstHeight; dy++)
            {
                int sy = plan.YIndex[dy];
                int sy1 = Math.Min(sy + 1, srcHeight - 1);
                if (have0 != sy)
                {
                    Color.ColorConversion.ToFloat(src.Slice(sy * sRow, sRow), srcRow);
                    Horizontal(srcRow, h0, plan);
                    have0 = sy;
                }

                if (have1 != sy1)
                {
                    Color.ColorConversion.ToFloat(src.Slice(sy1 * sRow, sRow), srcRow);
                    Horizontal(srcRow, h1, plan);
                    have1 = sy1;
                }

                float b = plan.YFrac[dy];
                Vertical(h0, h1, 1f - b, b, mixed);
                Color.ColorConversion.ToByteRounded(mixed, dst.Slice(dy * dRow, dRow));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
            plan.Return();
        }
    }

    /// <summary>Resizes a byte buffer (any channel count) into a new buffer.</summary>
    public static PixelBuffer<byte> Bilinear(PixelBuffer<byte> src, int dstWidth, int dstHeight)
    {
        ArgumentNullException.ThrowIfNull(src);
        var dst = new PixelBuffer<byte>(dstWidth, dstHeight, src.Channels, clear: false);
        Bilinear(src.Span, src.Width, src.Height, src.Channels, dst.Span, dstWidth, dstHeight);
        return dst;
    }

    /// <summary>Reference: each output pixel computed on its own from the same coefficients.</summary>
    internal static void BilinearScalar(
        ReadOnlySpan<float> src, int srcWidth, int srcHeight, int channels, Span<float> dst, int dstWidth, int dstHeight)
    {
        KernelGuard.Plane(src.Length, srcWidth, srcHeight, channels, nameof(src));
        KernelGuard.Plane(dst.Length, dstWidth, dstHeight, channels, nameof(dst));
        for (int dy = 0; dy < dstHeight; dy++)
        {
            var (sy, b) = Coefficient(dy, srcHeight, dstHeight);
            int sy1 = Math.Min(sy + 1, srcHeight - 1);
            for (int dx = 0; dx < dstWidth; dx++)
            {
                var (sx, a) = Coefficient(dx, srcWidth, dstWidth);
                int sx1 = Math.Min(sx + 1, srcWidth - 1);
                for (int c = 0; c < channels; c++)
                {
                    float top = (src[(((sy * srcWidth) + sx) * channels) + c] * (1f - a)) + (src[(((sy * srcWidth) + sx1) * channels) + c] * a);
                    float bottom = (src[(((sy1 * srcWidth) + sx) * channels) + c] * (1f - a)) + (src[(((sy1 * srcWidth) + sx1) * channels) + c] * a);
                    dst[(((dy * dstWidth) + dx) * channels) + c] = (top * (1f - b)) + (bottom * b);
                }
            }
        }
    }

    /// <summary>
    /// Source index and weight of the right/lower neighbour for output index <paramref name="d"/>, computed
    /// exactly as OpenCV does (double product, then float): s = (d + 0.5)·scale − 0.5, floor, clamp.
    /// </summary>
    internal static (int Index, float Frac) Coefficient(int d, int srcSize, int dstSize)
    {
        double scale = 1.0 / ((double)dstSize / srcSize);
        float f = (float)(((d + 0.5) * scale) - 0.5);
        int s = (int)MathF.Floor(f);
        f -= s;
        if (s < 0)
        {
            return (0, 0f);
        }

        if (s >= srcSize - 1)
        {
            return (srcSize - 1, 0f);
        }

        return (s, f);
    }

    // Horizontal pass of one row: a gather (each output needs two arbitrary source pixels), so scalar.
    private static void Horizontal(ReadOnlySpan<float> row, Span<float> dst, AxisPlan plan)
    {
        ref float s = ref MemoryMarshal.GetReference(row);
        ref float d = ref MemoryMarshal.GetReference(dst);
        ref int xi = ref MemoryMarshal.GetArrayDataReference(plan.XOffset);
        ref int xi1 = ref MemoryMarshal.GetArrayDataReference(plan.XOffset1);
        ref float xa = ref MemoryMarshal.GetArrayDataReference(plan.XFrac);
        int n = dst.Length;
        for (int i = 0; i < n; i++)
        {
            float a = Unsafe.Add(ref xa, i);
            Unsafe.Add(ref d, i) = (Unsafe.Add(ref s, Unsafe.Add(ref xi, i)) * (1f - a)) + (Unsafe.Add(ref s, Unsafe.Add(ref xi1, i)) * a);
        }
    }

    // dst = h0·w0 + h1·w1, eight floats per Vector256 (four per Vector128).
    private static void Vertical(ReadOnlySpan<float> h0, ReadOnlySpan<float> h1, float w0, float w1, Span<float> dst)
    {
        ref float a = ref MemoryMarshal.GetReference(h0);
        ref float b = ref MemoryMarshal.GetReference(h1);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int n = dst.Length, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v0 = Vector256.Create(w0);
            var v1 = Vector256.Create(w1);
            for (; x <= n - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                ((Vector256.LoadUnsafe(ref a, (nuint)x) * v0) + (Vector256.LoadUnsafe(ref b, (nuint)x) * v1)).StoreUnsafe(ref d, (nuint)x);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var v0 = Vector128.Create(w0);
            var v1 = Vector128.Create(w1);
            for (; x <= n - Vector128<float>.Count; x += Vector128<float>.Count)
            {
                ((Vector128.LoadUnsafe(ref a, (nuint)x) * v0) + (Vector128.LoadUnsafe(ref b, (nuint)x) * v1)).StoreUnsafe(ref d, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref d, x) = (Unsafe.Add(ref a, x) * w0) + (Unsafe.Add(ref b, x) * w1);
        }
    }

    /// <summary>Per-axis sampling tables, rented so repeated resizes do not allocate.</summary>
    private sealed class AxisPlan
    {
        public int[] XOffset = [];
        public int[] XOffset1 = [];
        public float[] XFrac = [];
        public int[] YIndex = [];
        public float[] YFrac = [];

        public static AxisPlan Rent(int srcWidth, int srcHeight, int dstWidth, int dstHeight, int channels)
        {
            var p = new AxisPlan
            {
                XOffset = ArrayPool<int>.Shared.Rent(dstWidth * channels),
                XOffset1 = ArrayPool<int>.Shared.Rent(dstWidth * channels),
                XFrac = ArrayPool<float>.Shared.Rent(dstWidth * channels),
                YIndex = ArrayPool<int>.Shared.Rent(dstHeight),
                YFrac = ArrayPool<float>.Shared.Rent(dstHeight),
            };

            // Tables are per element (not per pixel) so the horizontal pass is one flat loop for any channel count.
            for (int dx = 0; dx < dstWidth; dx++)
            {
                var (sx, a) = Coefficient(dx, srcWidth, dstWidth);
                for (int c = 0; c < channels; c++)
                {
                    p.XOffset[(dx * channels) + c] = (sx * channels) + c;
                    p.XOffset1[(dx * channels) + c] = (Math.Min(sx + 1, srcWidth - 1) * channels) + c;
                    p.XFrac[(dx * channels) + c] = a;
                }
            }

            for (int dy = 0; dy < dstHeight; dy++)
            {
                (p.YIndex[dy], p.YFrac[dy]) = Coefficient(dy, srcHeight, dstHeight);
            }

            return p;
        }

        public void Return()
        {
            ArrayPool<int>.Shared.Return(XOffset);
            ArrayPool<int>.Shared.Return(XOffset1);
            ArrayPool<float>.Shared.Return(XFrac);
            ArrayPool<int>.Shared.Return(YIndex);
            ArrayPool<float>.Shared.Return(YFrac);
        }
    }
}
