using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>Mean over a (2r+1)² window by running sums (cost independent of r), replicate borders.</summary>
internal static class BoxFilter
{
    public static PixelBuffer<float> Mean(PixelBuffer<float> src, int radius)
    {
        int w = src.Width, h = src.Height;
        using var tmp = new PixelBuffer<float>(w, h, 1, clear: false);
        float inv = 1f / ((2 * radius) + 1);
        for (int y = 0; y < h; y++)
        {
            var s = src.Row(y);
            var t = tmp.Row(y);
            float a = 0;
            for (int x = -radius; x <= radius; x++)
            {
                a += s[Math.Clamp(x, 0, w - 1)];
            }

            for (int x = 0; x < w; x++)
            {
                t[x] = a * inv;
                a += s[Math.Min(x + radius + 1, w - 1)] - s[Math.Max(x - radius, 0)];
            }
        }

        var dst = new PixelBuffer<float>(w, h, 1, clear: false);
        var col = new float[w];
        for (int y = -radius; y <= radius; y++)
        {
            var t = tmp.Row(Math.Clamp(y, 0, h - 1));
            for (int x = 0; x < w; x++)
            {
                col[x] += t[x];
            }
        }

        for (int y = 0; y < h; y++)
        {
            var d = dst.Row(y);
            for (int x = 0; x < w; x++)
            {
                d[x] = col[x] * inv;
            }

            var add = tmp.Row(Math.Min(y + radius + 1, h - 1));
            var sub = tmp.Row(Math.Max(y - radius, 0));
            for (int x = 0; x < w; x++)
            {
                col[x] += add[x] - sub[x];
            }
        }

        return dst;
    }
}
