using System.Runtime.CompilerServices;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Geometry;

/// <summary>
/// Warps an 8-bit RGB image through an arbitrary smooth mapping (destination pixel → source pixel),
/// e.g. a homography plus a non-rigid correction grid, or a synthetic truth mapping.
/// </summary>
/// <remarks>
/// The mapping is evaluated exactly on a coarse lattice (every <c>step</c> pixels) and interpolated
/// bilinearly in between: for the smooth fields we warp with (head curvature, perspective) the
/// interpolation error at step 8 is far below 0.01 px, and it saves ~60 delegate calls per pixel block.
/// </remarks>
public static class MappedWarp
{
    /// <summary>
    /// Fills <paramref name="dst"/> with <paramref name="src"/> sampled at <paramref name="dstToSrc"/>(x, y).
    /// Points that map outside the source (or to NaN) are black and 0 in <paramref name="validMask"/> (255 inside).
    /// </summary>
    public static void WarpRgb(PixelBuffer<byte> src, PixelBuffer<byte> dst, Func<double, double, (double X, double Y)> dstToSrc, PixelBuffer<byte>? validMask = null, int step = 8)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        ArgumentNullException.ThrowIfNull(dstToSrc);
        if (src.Channels != 3 || dst.Channels != 3)
        {
            throw new ArgumentException($"WarpRgb needs 3-channel buffers, got {src} and {dst}.", nameof(src));
        }

        if (validMask is not null && (validMask.Width != dst.Width || validMask.Height != dst.Height || validMask.Channels != 1))
        {
            throw new ArgumentException($"Validity mask {validMask} must be single-channel and {dst.Width}x{dst.Height}.", nameof(validMask));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        int cols = ((dst.Width - 1) / step) + 2, rows = ((dst.Height - 1) / step) + 2;
        var gx = new double[cols * rows];
        var gy = new double[cols * rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                (gx[(r * cols) + c], gy[(r * cols) + c]) = dstToSrc(c * step, r * step);
            }
        }

        // Lattice column and fraction of every x, found once instead of two divisions per pixel.
        var cell = new int[dst.Width];
        var frac = new double[dst.Width];
        for (int x = 0; x < dst.Width; x++)
        {
            cell[x] = x / step;
            frac[x] = (x - (cell[x] * step)) / (double)step;
        }

        Parallel.For(0, dst.Height, y =>
        {
            var row = dst.Row(y);
            var mrow = validMask is null ? default : validMask.Row(y);
            int r0 = y / step;
            double fy = (y - (r0 * step)) / (double)step;
            for (int x = 0; x < dst.Width; x++)
            {
                int c0 = cell[x];
                double fx = frac[x];
                int i00 = (r0 * cols) + c0, i01 = i00 + 1, i10 = i00 + cols, i11 = i10 + 1;
                double sx = Lerp2(gx[i00], gx[i01], gx[i10], gx[i11], fx, fy);
                double sy = Lerp2(gy[i00], gy[i01], gy[i10], gy[i11], fx, fy);
                bool inside = sx >= 0 && sy >= 0 && sx <= src.Width - 1 && sy <= src.Height - 1;
                if (!inside)
                {
                    row[3 * x] = row[(3 * x) + 1] = row[(3 * x) + 2] = 0;
                }
                else
                {
                    SampleRgb(src, sx, sy, row.Slice(3 * x, 3));
                }

                if (!mrow.IsEmpty)
                {
                    mrow[x] = inside ? (byte)255 : (byte)0;
                }
            }
        });
    }

    private static double Lerp2(double a00, double a01, double a10, double a11, double fx, double fy) =>
        ((a00 + (fx * (a01 - a00))) * (1 - fy)) + ((a10 + (fx * (a11 - a10))) * fy);

    // Bilinear RGB sample; the three channels written out (no loop) so the JIT inlines it into the
    // per-pixel loop. Same arithmetic per channel as a loop over c.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SampleRgb(PixelBuffer<byte> src, double x, double y, Span<byte> dst)
    {
        int x0 = Math.Min((int)x, Math.Max(0, src.Width - 2)), y0 = Math.Min((int)y, Math.Max(0, src.Height - 2));
        int x1 = Math.Min(x0 + 1, src.Width - 1), y1 = Math.Min(y0 + 1, src.Height - 1);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        var r0 = src.Row(y0);
        var r1 = src.Row(y1);
        dst[0] = Blend(r0[3 * x0], r0[3 * x1], r1[3 * x0], r1[3 * x1], fx, fy);
        dst[1] = Blend(r0[(3 * x0) + 1], r0[(3 * x1) + 1], r1[(3 * x0) + 1], r1[(3 * x1) + 1], fx, fy);
        dst[2] = Blend(r0[(3 * x0) + 2], r0[(3 * x1) + 2], r1[(3 * x0) + 2], r1[(3 * x1) + 2], fx, fy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Blend(byte a00, byte a01, byte a10, byte a11, float fx, float fy)
    {
        float top = a00 + (fx * (a01 - a00));
        float bottom = a10 + (fx * (a11 - a10));
        return (byte)Math.Clamp((int)(top + (fy * (bottom - top)) + 0.5f), 0, 255);
    }
}
