using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Reports.Images;

/// <summary>Resampling of RGB photos for display (quality over speed: reports are small).</summary>
public static class Resample
{
    /// <summary>
    /// Box-filter downscale: each output pixel averages the source area it covers, with fractional
    /// edge weights (no aliasing of the fine pigment-dot texture, unlike point sampling).
    /// </summary>
    public static PixelBuffer<byte> AreaDownscale(PixelBuffer<byte> src, int width, int height)
    {
        var dst = new PixelBuffer<byte>(width, height, 3, clear: false);
        double sx = (double)src.Width / width, sy = (double)src.Height / height;
        Span<double> acc = stackalloc double[3];
        for (int y = 0; y < height; y++)
        {
            double y0 = y * sy, y1 = y0 + sy;
            var drow = dst.Row(y);
            for (int x = 0; x < width; x++)
            {
                double x0 = x * sx, x1 = x0 + sx;
                acc.Clear();
                double total = 0;
                for (int yy = (int)y0; yy < Math.Min(src.Height, (int)Math.Ceiling(y1)); yy++)
                {
                    double wy = Math.Min(y1, yy + 1) - Math.Max(y0, yy);
                    var srow = src.Row(yy);
                    for (int xx = (int)x0; xx < Math.Min(src.Width, (int)Math.Ceiling(x1)); xx++)
                    {
                        double w = wy * (Math.Min(x1, xx + 1) - Math.Max(x0, xx));
                        acc[0] += w * srow[3 * xx];
                        acc[1] += w * srow[(3 * xx) + 1];
                        acc[2] += w * srow[(3 * xx) + 2];
                        total += w;
                    }
                }

                for (int c = 0; c < 3; c++)
                {
                    drow[(3 * x) + c] = (byte)Math.Clamp((int)Math.Round(acc[c] / total), 0, 255);
                }
            }
        }

        return dst;
    }

    /// <summary>
    /// Renders AFTER in BEFORE's frame through a result's alignment (the warp grid where there is one,
    /// so a curved scalp lines up as well as the analysis saw it): each BEFORE pixel takes AFTER at its
    /// mapped position, bilinear; pixels outside AFTER are dark grey.
    /// </summary>
    public static PixelBuffer<byte> AlignToBefore(PixelBuffer<byte> after, ReportedMapping mapping, int beforeWidth, int beforeHeight)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(mapping);
        var dst = new PixelBuffer<byte>(beforeWidth, beforeHeight, 3, clear: false);
        for (int y = 0; y < beforeHeight; y++)
        {
            var drow = dst.Row(y);
            for (int x = 0; x < beforeWidth; x++)
            {
                var (u, v) = mapping.BeforeToAfter(x, y);
                int x0 = (int)Math.Floor(u), y0 = (int)Math.Floor(v);
                if (x0 < 0 || y0 < 0 || x0 >= after.Width - 1 || y0 >= after.Height - 1)
                {
                    drow[3 * x] = drow[(3 * x) + 1] = drow[(3 * x) + 2] = 40;
                    continue;
                }

                double fx = u - x0, fy = v - y0;
                var r0 = after.Row(y0);
                var r1 = after.Row(y0 + 1);
                for (int c = 0; c < 3; c++)
                {
                    double top = r0[(3 * x0) + c] + (fx * (r0[(3 * (x0 + 1)) + c] - r0[(3 * x0) + c]));
                    double bottom = r1[(3 * x0) + c] + (fx * (r1[(3 * (x0 + 1)) + c] - r1[(3 * x0) + c]));
                    drow[(3 * x) + c] = (byte)Math.Clamp((int)Math.Round(top + (fy * (bottom - top))), 0, 255);
                }
            }
        }

        return dst;
    }
}
