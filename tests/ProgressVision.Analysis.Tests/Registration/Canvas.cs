using ProgressVision.Analysis.Registration;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Tests.Registration;

/// <summary>Linear-light RGB reflectance of a synthetic scalp, 1 unit = 1 BEFORE pixel.</summary>
internal sealed class Canvas : IDisposable
{
    private readonly PixelBuffer<float>[] _planes;

    private Canvas(PixelBuffer<float>[] planes) => _planes = planes;

    public int Width => _planes[0].Width;

    public int Height => _planes[0].Height;

    public static Canvas Skin(int w, int h, Random rng)
    {
        double[] skin = [0.55, 0.36, 0.28];
        using var coarse = Noise(w, h, rng, 12);
        using var mid = Noise(w, h, rng, 4);
        using var fine = Noise(w, h, rng, 1);
        var planes = new PixelBuffer<float>[3];
        for (int c = 0; c < 3; c++)
        {
            planes[c] = new PixelBuffer<float>(w, h, 1, clear: false);
            var d = planes[c].Span;
            var a = coarse.Span;
            var b = mid.Span;
            var f = fine.Span;
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = (float)(skin[c] * Math.Exp((0.5 * a[i]) + (0.35 * b[i]) + (0.25 * f[i]) * (c == 0 ? 1 : 1.1)));
            }
        }

        var canvas = new Canvas(planes);

        // SMP dots on a jittered grid (the repetitive pattern), a few moles, stubble.
        for (double y = 4; y < h - 4; y += 11)
        {
            for (double x = 4; x < w - 4; x += 11)
            {
                canvas.Blob(x + ((rng.NextDouble() - 0.5) * 5), y + ((rng.NextDouble() - 0.5) * 5), 1.2 + rng.NextDouble(), 0.8, [0.05, 0.05, 0.06]);
            }
        }

        for (int i = 0; i < w * h / 40000; i++)
        {
            canvas.Blob(rng.NextDouble() * w, rng.NextDouble() * h, 3 + (rng.NextDouble() * 5), 0.6, [0.2, 0.1, 0.07]);
        }

        canvas.AddHair(rng, w * h / 600);
        return canvas;
    }

    public Canvas Clone() => new([.. _planes.Select(p => p.Clone())]);

    public void AddDots(Random rng, double per1000)
    {
        int n = (int)(per1000 * Width * Height / 1000);
        for (int i = 0; i < n; i++)
        {
            Blob(rng.NextDouble() * Width, rng.NextDouble() * Height, 1.2 + rng.NextDouble(), 0.85, [0.04, 0.04, 0.05]);
        }
    }

    public void AddHair(Random rng, int count)
    {
        for (int i = 0; i < count; i++)
        {
            double x = rng.NextDouble() * Width, y = rng.NextDouble() * Height;
            double a = 0.8 + (rng.NextDouble() * 0.6), len = 6 + (rng.NextDouble() * 22);
            for (double t = 0; t < len; t += 0.7)
            {
                Blob(x + (t * Math.Cos(a)), y + (t * Math.Sin(a)), 0.6, 0.5, [0.08, 0.05, 0.03]);
            }
        }
    }

    public float Sample(int c, double x, double y)
    {
        var p = _planes[c];
        x = Math.Clamp(x, 0, p.Width - 1.001);
        y = Math.Clamp(y, 0, p.Height - 1.001);
        int x0 = (int)x, y0 = (int)y;
        float fx = (float)(x - x0), fy = (float)(y - y0);
        float top = p[x0, y0] + (fx * (p[x0 + 1, y0] - p[x0, y0]));
        float bottom = p[x0, y0 + 1] + (fx * (p[x0 + 1, y0 + 1] - p[x0, y0 + 1]));
        return top + (fy * (bottom - top));
    }

    public void Dispose()
    {
        foreach (var p in _planes)
        {
            p.Dispose();
        }
    }

    // A soft disc of radius r blended towards colour col with strength alpha.
    private void Blob(double cx, double cy, double r, double alpha, double[] col)
    {
        int x0 = (int)Math.Floor(cx - r - 2), x1 = (int)Math.Ceiling(cx + r + 2);
        int y0 = (int)Math.Floor(cy - r - 2), y1 = (int)Math.Ceiling(cy + r + 2);
        for (int y = Math.Max(0, y0); y <= Math.Min(Height - 1, y1); y++)
        {
            for (int x = Math.Max(0, x0); x <= Math.Min(Width - 1, x1); x++)
            {
                double d = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                double a = alpha * Math.Clamp(r + 0.5 - d, 0, 1);
                if (a <= 0)
                {
                    continue;
                }

                for (int c = 0; c < 3; c++)
                {
                    ref float v = ref _planes[c][x, y];
                    v = (float)((v * (1 - a)) + (col[c] * a));
                }
            }
        }
    }

    // Zero-mean, unit-variance noise smoothed to the given scale (3 box passes ≈ Gaussian).
    private static PixelBuffer<float> Noise(int w, int h, Random rng, int radius)
    {
        var p = new PixelBuffer<float>(w, h, 1, clear: false);
        var s = p.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (float)(rng.NextDouble() - 0.5);
        }

        for (int pass = 0; pass < 3; pass++)
        {
            var q = BoxFilter.Mean(p, radius);
            p.Dispose();
            p = q;
        }

        s = p.Span;
        double sum = 0, sq = 0;
        foreach (float v in s)
        {
            sum += v;
            sq += v * v;
        }

        double mean = sum / s.Length, sd = Math.Sqrt(Math.Max((sq / s.Length) - (mean * mean), 1e-20));
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (float)((s[i] - mean) / sd);
        }

        return p;
    }
}
