using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Illumination normalisation: each pixel becomes its z-score in a (2r+1)² window. Exposure,
/// white balance and smooth lighting gradients act locally as gain and offset, which this removes,
/// so intensity alignment is not biased by them.
/// </summary>
internal static class LocalContrast
{
    /// <summary>Returns the z-scored plane. <paramref name="noiseFloor"/> is added to the local variance so flat areas stay near zero.</summary>
    public static PixelBuffer<float> Normalize(PixelBuffer<float> src, int radius, float noiseFloor)
    {
        int w = src.Width, h = src.Height;
        using var sum = new PixelBuffer<float>(w, h, 1, clear: false);
        using var sq = new PixelBuffer<float>(w, h, 1, clear: false);

        // Horizontal running sums of I and I² (double accumulators: a float sliding sum drifts over long rows).
        for (int y = 0; y < h; y++)
        {
            var s = src.Row(y);
            var o1 = sum.Row(y);
            var o2 = sq.Row(y);
            double a = 0, b = 0;
            for (int x = -radius; x <= radius; x++)
            {
                float v = s[Math.Clamp(x, 0, w - 1)];
                a += v;
                b += v * v;
            }

            for (int x = 0; x < w; x++)
            {
                o1[x] = (float)a;
                o2[x] = (float)b;
                float add = s[Math.Min(x + radius + 1, w - 1)], sub = s[Math.Max(x - radius, 0)];
                a += add - sub;
                b += (add * add) - (sub * sub);
            }
        }

        // Vertical running sums over the row sums, then the z-score.
        var dst = new PixelBuffer<float>(w, h, 1, clear: false);
        var colA = new double[w];
        var colB = new double[w];
        for (int y = -radius; y <= radius; y++)
        {
            var r1 = sum.Row(Math.Clamp(y, 0, h - 1));
            var r2 = sq.Row(Math.Clamp(y, 0, h - 1));
            for (int x = 0; x < w; x++)
            {
                colA[x] += r1[x];
                colB[x] += r2[x];
            }
        }

        double inv = 1.0 / (((2 * radius) + 1) * ((2 * radius) + 1));
        for (int y = 0; y < h; y++)
        {
            var s = src.Row(y);
            var d = dst.Row(y);
            for (int x = 0; x < w; x++)
            {
                double mean = colA[x] * inv;
                double variance = Math.Max((colB[x] * inv) - (mean * mean), 0);
                d[x] = (float)((s[x] - mean) / Math.Sqrt(variance + noiseFloor));
            }

            var add1 = sum.Row(Math.Min(y + radius + 1, h - 1));
            var add2 = sq.Row(Math.Min(y + radius + 1, h - 1));
            var sub1 = sum.Row(Math.Max(y - radius, 0));
            var sub2 = sq.Row(Math.Max(y - radius, 0));
            for (int x = 0; x < w; x++)
            {
                colA[x] += add1[x] - sub1[x];
                colB[x] += add2[x] - sub2[x];
            }
        }

        return dst;
    }
}
