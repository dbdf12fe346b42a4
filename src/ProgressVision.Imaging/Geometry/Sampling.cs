using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Geometry;

/// <summary>Sub-pixel sampling of float planes (pixel centres at integer coordinates).</summary>
public static class Sampling
{
    /// <summary>Bilinear sample at (x, y); returns <paramref name="outside"/> when the point is off the image.</summary>
    public static float Bilinear(PixelBuffer<float> src, float x, float y, float outside = float.NaN)
    {
        if (!(x >= 0 && y >= 0 && x <= src.Width - 1 && y <= src.Height - 1))
        {
            return outside;
        }

        int x0 = Math.Min((int)x, src.Width - 2 < 0 ? 0 : src.Width - 2);
        int y0 = Math.Min((int)y, src.Height - 2 < 0 ? 0 : src.Height - 2);
        int x1 = Math.Min(x0 + 1, src.Width - 1), y1 = Math.Min(y0 + 1, src.Height - 1);
        float fx = x - x0, fy = y - y0;
        var r0 = src.Row(y0);
        var r1 = src.Row(y1);
        float top = r0[x0] + (fx * (r0[x1] - r0[x0]));
        float bottom = r1[x0] + (fx * (r1[x1] - r1[x0]));
        return top + (fy * (bottom - top));
    }
}
