using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Synth.Tests;

/// <summary>Independent measurements taken from rendered pixels only (no renderer internals).</summary>
internal static class RenderedImageMeasures
{
    public static double LinearLuminance(PixelBuffer<byte> rgb, int x, int y) =>
        (0.2126 * ToLinear(rgb[x, y, 0])) + (0.7152 * ToLinear(rgb[x, y, 1])) + (0.0722 * ToLinear(rgb[x, y, 2]));

    public static double ToLinear(byte v)
    {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    /// <summary>Darkness-weighted centroid in a disc of radius r around (cx, cy), against a flat skin luminance.</summary>
    public static (double X, double Y) DarknessCentroid(PixelBuffer<byte> rgb, double cx, double cy, double r, double skinLum)
    {
        double sw = 0, sx = 0, sy = 0;
        for (int y = (int)Math.Floor(cy - r); y <= (int)Math.Ceiling(cy + r); y++)
        {
            for (int x = (int)Math.Floor(cx - r); x <= (int)Math.Ceiling(cx + r); x++)
            {
                if (((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) > r * r)
                {
                    continue;
                }

                double d = Math.Max(0, skinLum - LinearLuminance(rgb, x, y));
                sw += d;
                sx += d * x;
                sy += d * y;
            }
        }

        return (sx / sw, sy / sw);
    }

    /// <summary>Median of the image's linear luminance (the flat skin level on a clean render).</summary>
    public static double MedianLuminance(PixelBuffer<byte> rgb)
    {
        var v = new List<double>();
        for (int y = 0; y < rgb.Height; y += 3)
        {
            for (int x = 0; x < rgb.Width; x += 3)
            {
                v.Add(LinearLuminance(rgb, x, y));
            }
        }

        v.Sort();
        return v[v.Count / 2];
    }
}
