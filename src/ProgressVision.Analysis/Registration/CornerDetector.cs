using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Harris corners spread over the image: response det(M) − 0.04·trace(M)² of the box-averaged
/// structure tensor, 3×3 non-maximum suppression, then the strongest few per grid cell so that
/// features cover the whole photo instead of crowding on the most contrasted patch.
/// </summary>
internal static class CornerDetector
{
    private const float HarrisK = 0.04f;

    /// <summary>Corners (x, y, response) at least <paramref name="border"/> pixels from the edges.</summary>
    public static List<(int X, int Y, float R)> Detect(PixelBuffer<float> smooth, int border, int cell, int perCell)
    {
        int w = smooth.Width, h = smooth.Height;
        var result = new List<(int, int, float)>();
        if (w <= 2 * border || h <= 2 * border)
        {
            return result;
        }

        using var xx = new PixelBuffer<float>(w, h, 1, clear: true);
        using var yy = new PixelBuffer<float>(w, h, 1, clear: true);
        using var xy = new PixelBuffer<float>(w, h, 1, clear: true);
        for (int y = 1; y < h - 1; y++)
        {
            var up = smooth.Row(y - 1);
            var mid = smooth.Row(y);
            var dn = smooth.Row(y + 1);
            var oxx = xx.Row(y);
            var oyy = yy.Row(y);
            var oxy = xy.Row(y);
            for (int x = 1; x < w - 1; x++)
            {
                // Sobel: the [1 2 1] cross-smoothing keeps the tensor nearly isotropic.
                float gx = (up[x + 1] - up[x - 1]) + (2 * (mid[x + 1] - mid[x - 1])) + (dn[x + 1] - dn[x - 1]);
                float gy = (dn[x - 1] - up[x - 1]) + (2 * (dn[x] - up[x])) + (dn[x + 1] - up[x + 1]);
                oxx[x] = gx * gx;
                oyy[x] = gy * gy;
                oxy[x] = gx * gy;
            }
        }

        using var sxx = BoxFilter.Mean(xx, 2);
        using var syy = BoxFilter.Mean(yy, 2);
        using var sxy = BoxFilter.Mean(xy, 2);
        using var resp = new PixelBuffer<float>(w, h, 1, clear: true);
        for (int y = border - 1; y <= h - border; y++)
        {
            var a = sxx.Row(y);
            var b = syy.Row(y);
            var c = sxy.Row(y);
            var r = resp.Row(y);
            for (int x = border - 1; x <= w - border; x++)
            {
                float tr = a[x] + b[x];
                r[x] = (a[x] * b[x]) - (c[x] * c[x]) - (HarrisK * tr * tr);
            }
        }

        int cellsX = (w + cell - 1) / cell, cellsY = (h + cell - 1) / cell;
        var buckets = new List<(int, int, float)>[cellsX * cellsY];
        for (int y = border; y < h - border; y++)
        {
            var up = resp.Row(y - 1);
            var mid = resp.Row(y);
            var dn = resp.Row(y + 1);
            for (int x = border; x < w - border; x++)
            {
                float v = mid[x];
                if (v <= 0 || v < mid[x - 1] || v <= mid[x + 1] || v < up[x - 1] || v < up[x] || v < up[x + 1] ||
                    v <= dn[x - 1] || v <= dn[x] || v <= dn[x + 1])
                {
                    continue;
                }

                int bi = ((y / cell) * cellsX) + (x / cell);
                (buckets[bi] ??= []).Add((x, y, v));
            }
        }

        foreach (var bucket in buckets)
        {
            if (bucket is null)
            {
                continue;
            }

            bucket.Sort((p, q) => q.Item3.CompareTo(p.Item3));
            for (int i = 0; i < Math.Min(perCell, bucket.Count); i++)
            {
                result.Add(bucket[i]);
            }
        }

        return result;
    }
}
