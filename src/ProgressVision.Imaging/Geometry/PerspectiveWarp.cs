using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Geometry;

/// <summary>
/// Warps images by a homography with inverse mapping and bilinear sampling: dst(x, y) = src(H(x, y)),
/// where H maps destination pixel coordinates to source pixel coordinates (OpenCV's
/// <c>warpPerspective(..., WARP_INVERSE_MAP)</c> convention, pixel centres at integers).
/// </summary>
/// <remarks>
/// A destination pixel is valid when its source point lies inside [0, w−1] × [0, h−1]; other pixels get
/// the "outside" value and 0 in the optional validity mask (255 = valid). Source coordinates are
/// computed in double (four lanes per Vector256) and sampled exactly, unlike OpenCV which rounds them to
/// 1/32 pixel; the two therefore agree to about |∇I|/64 on valid pixels.
/// </remarks>
public static class PerspectiveWarp
{
    /// <summary>
    /// Fills <paramref name="dst"/> so that dst(x, y) = src(H(x, y)), where <paramref name="dstToSrc"/> maps
    /// destination pixel coordinates to source pixel coordinates. Pixels that fall outside the source get
    /// <paramref name="outside"/>.
    /// </summary>
    public static void Warp(PixelBuffer<float> src, PixelBuffer<float> dst, Homography dstToSrc, float outside = float.NaN)
    {
        RequirePlanes(src, dst);
        Warp(src.Span, src.Width, src.Height, dst.Span, dst.Width, dst.Height, dstToSrc, outside, default);
    }

    /// <summary>As <see cref="Warp(PixelBuffer{float}, PixelBuffer{float}, Homography, float)"/>, also writing a validity mask (255 valid, 0 outside).</summary>
    public static void Warp(PixelBuffer<float> src, PixelBuffer<float> dst, Homography dstToSrc, PixelBuffer<byte> validMask, float outside = float.NaN)
    {
        RequirePlanes(src, dst);
        ArgumentNullException.ThrowIfNull(validMask);
        if (validMask.Width != dst.Width || validMask.Height != dst.Height || validMask.Channels != 1)
        {
            throw new ArgumentException($"Validity mask {validMask} must be single-channel and {dst.Width}x{dst.Height}.", nameof(validMask));
        }

        Warp(src.Span, src.Width, src.Height, dst.Span, dst.Width, dst.Height, dstToSrc, outside, validMask.Span);
    }

    /// <summary>
    /// Warps an 8-bit RGB (3 channels) buffer; outside pixels are black. When <paramref name="validMask"/>
    /// is given (single channel, destination size) it receives 255 for valid pixels and 0 elsewhere.
    /// </summary>
    public static void WarpRgb(PixelBuffer<byte> src, PixelBuffer<byte> dst, Homography dstToSrc, PixelBuffer<byte>? validMask = null)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        if (src.Channels != 3 || dst.Channels != 3)
        {
            throw new ArgumentException($"WarpRgb needs 3-channel buffers, got {src} and {dst}.", nameof(src));
        }

        if (validMask is not null && (validMask.Width != dst.Width || validMask.Height != dst.Height || validMask.Channels != 1))
        {
            throw new ArgumentException($"Validity mask {validMask} must be single-channel and {dst.Width}x{dst.Height}.", nameof(validMask));
        }

        WarpRgb(src.Span, src.Width, src.Height, dst.Span, dst.Width, dst.Height, dstToSrc, validMask is null ? default : validMask.Span);
    }

    /// <summary>
    /// Span form for float planes. <paramref name="validMask"/> is either empty or dstWidth × dstHeight bytes.
    /// </summary>
    public static void Warp(
        ReadOnlySpan<float> src, int srcWidth, int srcHeight, Span<float> dst, int dstWidth, int dstHeight,
        Homography dstToSrc, float outside = float.NaN, Span<byte> validMask = default)
    {
        Validate(src.Length, srcWidth, srcHeight, 1, dst.Length, dstWidth, dstHeight, validMask.Length);
        float[] coords = ArrayPool<float>.Shared.Rent(2 * dstWidth);
        try
        {
            var xs = coords.AsSpan(0, dstWidth);
            var ys = coords.AsSpan(dstWidth, dstWidth);
            for (int y = 0; y < dstHeight; y++)
            {
                SourceCoordinates(dstToSrc, y, xs, ys);
                var row = dst.Slice(y * dstWidth, dstWidth);
                var mask = validMask.IsEmpty ? default : validMask.Slice(y * dstWidth, dstWidth);
                for (int x = 0; x < dstWidth; x++)
                {
                    bool ok = TrySample(src, srcWidth, srcHeight, xs[x], ys[x], out float v);
                    row[x] = ok ? v : outside;
                    if (!mask.IsEmpty)
                    {
                        mask[x] = ok ? (byte)255 : (byte)0;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(coords);
        }
    }

    /// <summary>Span form for interleaved 8-bit RGB; outside pixels are 0.</summary>
    public static void WarpRgb(
        ReadOnlySpan<byte> src, int srcWidth, int srcHeight, Span<byte> dst, int dstWidth, int dstHeight,
        Homography dstToSrc, Span<byte> validMask = default)
    {
        Validate(src.Length, srcWidth, srcHeight, 3, dst.Length, dstWidth, dstHeight, validMask.Length);
        float[] coords = ArrayPool<float>.Shared.Rent(2 * dstWidth);
        try
        {
            var xs = coords.AsSpan(0, dstWidth);
            var ys = coords.AsSpan(dstWidth, dstWidth);
            for (int y = 0; y < dstHeight; y++)
            {
                SourceCoordinates(dstToSrc, y, xs, ys);
                var row = dst.Slice(y * dstWidth * 3, dstWidth * 3);
                var mask = validMask.IsEmpty ? default : validMask.Slice(y * dstWidth, dstWidth);
                for (int x = 0; x < dstWidth; x++)
                {
                    bool ok = SampleRgb(src, srcWidth, srcHeight, xs[x], ys[x], MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetReference(row), 3 * x), 3));
                    if (!mask.IsEmpty)
                    {
                        mask[x] = ok ? (byte)255 : (byte)0;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(coords);
        }
    }

    /// <summary>Reference for the float warp: per pixel <see cref="Homography.Map"/> and the same sampler.</summary>
    internal static void WarpScalar(
        ReadOnlySpan<float> src, int srcWidth, int srcHeight, Span<float> dst, int dstWidth, int dstHeight,
        Homography dstToSrc, float outside, Span<byte> validMask)
    {
        Validate(src.Length, srcWidth, srcHeight, 1, dst.Length, dstWidth, dstHeight, validMask.Length);
        for (int y = 0; y < dstHeight; y++)
        {
            for (int x = 0; x < dstWidth; x++)
            {
                var (sx, sy) = dstToSrc.Map(x, y);
                bool ok = TrySample(src, srcWidth, srcHeight, (float)sx, (float)sy, out float v);
                dst[(y * dstWidth) + x] = ok ? v : outside;
                if (!validMask.IsEmpty)
                {
                    validMask[(y * dstWidth) + x] = ok ? (byte)255 : (byte)0;
                }
            }
        }
    }

    /// <summary>
    /// Source coordinates of destination row <paramref name="y"/>, four pixels per Vector256&lt;double&gt;.
    /// The arithmetic is the same sequence of double operations as <see cref="Homography.Map"/> (no FMA),
    /// so results are bit-identical to the scalar path; points mapping to infinity become NaN.
    /// </summary>
    internal static void SourceCoordinates(Homography h, int y, Span<float> xs, Span<float> ys)
    {
        int n = xs.Length, x = 0;
        ref float rx = ref MemoryMarshal.GetReference(xs);
        ref float ry = ref MemoryMarshal.GetReference(ys);

        // Row constants: the y terms do not change along the row.
        double cx = h.M01 * y, cy = h.M11 * y, cw = h.M21 * y;
        if (Vector256.IsHardwareAccelerated)
        {
            var m00 = Vector256.Create(h.M00);
            var m10 = Vector256.Create(h.M10);
            var m20 = Vector256.Create(h.M20);
            var vcx = Vector256.Create(cx);
            var vcy = Vector256.Create(cy);
            var vcw = Vector256.Create(cw);
            var m02 = Vector256.Create(h.M02);
            var m12 = Vector256.Create(h.M12);
            var m22 = Vector256.Create(h.M22);
            var tiny = Vector256.Create(1e-12);
            var nan = Vector256.Create(double.NaN);
            var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
            for (; x <= n - 4; x += 4)
            {
                var vx = Vector256.Create((double)x) + lane;
                var w = ((m20 * vx) + vcw) + m22;
                var px = (((m00 * vx) + vcx) + m02) / w;
                var py = (((m10 * vx) + vcy) + m12) / w;

                // |w| < 1e-12 means the point maps to (or near) infinity: same rule as Homography.Map.
                var far = Vector256.LessThan(Vector256.Abs(w), tiny);
                px = Vector256.ConditionalSelect(far, nan, px);
                py = Vector256.ConditionalSelect(far, nan, py);

                // double → float narrowing: 4 lanes → the lower half of a Vector128<float>.
                Vector256.Narrow(px, px).GetLower().StoreUnsafe(ref rx, (nuint)x);
                Vector256.Narrow(py, py).GetLower().StoreUnsafe(ref ry, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            var (sx, sy) = h.Map(x, y);
            Unsafe.Add(ref rx, x) = (float)sx;
            Unsafe.Add(ref ry, x) = (float)sy;
        }
    }

    // Same sampling rule as Sampling.Bilinear (kept in step with it): inside test, then two lerps.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySample(ReadOnlySpan<float> src, int w, int h, float x, float y, out float value)
    {
        if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1))
        {
            value = 0;
            return false;
        }

        int x0 = Math.Min((int)x, Math.Max(w - 2, 0));
        int y0 = Math.Min((int)y, Math.Max(h - 2, 0));
        int x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
        float fx = x - x0, fy = y - y0;
        ref float s = ref MemoryMarshal.GetReference(src);
        float p00 = Unsafe.Add(ref s, (y0 * w) + x0), p01 = Unsafe.Add(ref s, (y0 * w) + x1);
        float p10 = Unsafe.Add(ref s, (y1 * w) + x0), p11 = Unsafe.Add(ref s, (y1 * w) + x1);
        float top = p00 + (fx * (p01 - p00));
        float bottom = p10 + (fx * (p11 - p10));
        value = top + (fy * (bottom - top));
        return true;
    }

    // Same validity rule as TrySample; the lerps run in 11-bit fixed point (weights round(f·2048), as
    // OpenCV's INTER_BITS-style integer bilinear), reading through refs: no int→float conversions and no
    // bounds checks in the 12 loads. |error| vs the float lerp ≤ 0.5 + 255·2/2048 < 1 level.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SampleRgb(ReadOnlySpan<byte> src, int w, int h, float x, float y, Span<byte> rgb)
    {
        ref byte d = ref MemoryMarshal.GetReference(rgb);
        if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1))
        {
            d = 0;
            Unsafe.Add(ref d, 1) = 0;
            Unsafe.Add(ref d, 2) = 0;
            return false;
        }

        int x0 = Math.Min((int)x, Math.Max(w - 2, 0));
        int y0 = Math.Min((int)y, Math.Max(h - 2, 0));
        int x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
        int wx = (int)(((x - x0) * 2048f) + 0.5f), wy = (int)(((y - y0) * 2048f) + 0.5f);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte p00 = ref Unsafe.Add(ref s, ((y0 * w) + x0) * 3);
        ref byte p01 = ref Unsafe.Add(ref s, ((y0 * w) + x1) * 3);
        ref byte p10 = ref Unsafe.Add(ref s, ((y1 * w) + x0) * 3);
        ref byte p11 = ref Unsafe.Add(ref s, ((y1 * w) + x1) * 3);
        for (int c = 0; c < 3; c++)
        {
            int a = Unsafe.Add(ref p00, c), b = Unsafe.Add(ref p01, c), e = Unsafe.Add(ref p10, c), f = Unsafe.Add(ref p11, c);

            // Q11 rows, then Q22 result: at most 255·2^22 < 2^31, so int arithmetic cannot overflow.
            int top = (a << 11) + (wx * (b - a));
            int bottom = (e << 11) + (wx * (f - e));
            Unsafe.Add(ref d, c) = (byte)(((top << 11) + (wy * (bottom - top)) + (1 << 21)) >> 22);
        }

        return true;
    }

    private static void Validate(int srcLength, int srcWidth, int srcHeight, int channels, int dstLength, int dstWidth, int dstHeight, int maskLength)
    {
        KernelGuard.Plane(srcLength, srcWidth, srcHeight, channels, "src");
        KernelGuard.Plane(dstLength, dstWidth, dstHeight, channels, "dst");
        if (maskLength != 0 && maskLength != dstWidth * dstHeight)
        {
            throw new ArgumentException($"validMask length {maskLength} must be 0 or {dstWidth}x{dstHeight}.", "validMask");
        }
    }

    private static void RequirePlanes(PixelBuffer<float> src, PixelBuffer<float> dst)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        if (src.Channels != 1 || dst.Channels != 1)
        {
            throw new ArgumentException($"Warp needs single-channel float planes, got {src} and {dst}.", nameof(src));
        }
    }
}
