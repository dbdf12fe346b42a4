using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

/// <summary>Separable Gaussian blur of single-channel float planes, replicate borders.</summary>
public static class GaussianBlur
{
    /// <summary>Normalised 1-D kernel of radius ceil(3σ) (covers 99.7% of the mass).</summary>
    public static float[] Kernel(float sigma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        int r = Math.Max(1, (int)MathF.Ceiling(3f * sigma));
        var k = new float[(2 * r) + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++)
        {
            double v = Math.Exp(-(i * i) / (2.0 * sigma * sigma));
            k[i + r] = (float)v;
            sum += v;
        }

        for (int i = 0; i < k.Length; i++)
        {
            k[i] = (float)(k[i] / sum);
        }

        return k;
    }

    /// <summary>Blurs <paramref name="src"/> into <paramref name="dst"/> (same shape, 1 channel; may not alias).</summary>
    public static void Blur(PixelBuffer<float> src, PixelBuffer<float> dst, float sigma)
    {
        if (!src.SameShape(dst) || src.Channels != 1)
        {
            throw new ArgumentException($"Blur needs two single-channel buffers of one shape, got {src} and {dst}.", nameof(dst));
        }

        var k = Kernel(sigma);
        int r = k.Length / 2, w = src.Width, h = src.Height;
        using var tmp = new PixelBuffer<float>(w, h, 1, clear: false);

        // Horizontal pass, then vertical: two O(r) passes instead of one O(r²).
        for (int y = 0; y < h; y++)
        {
            var s = src.Row(y);
            var t = tmp.Row(y);
            for (int x = 0; x < w; x++)
            {
                float acc = 0;
                for (int i = -r; i <= r; i++)
                {
                    acc += k[i + r] * s[Math.Clamp(x + i, 0, w - 1)];
                }

                t[x] = acc;
            }
        }

        for (int y = 0; y < h; y++)
        {
            var d = dst.Row(y);
            d.Clear();
            for (int i = -r; i <= r; i++)
            {
                var t = tmp.Row(Math.Clamp(y + i, 0, h - 1));
                float kv = k[i + r];
                for (int x = 0; x < w; x++)
                {
                    d[x] += kv * t[x];
                }
            }
        }
    }

    /// <summary>Allocating overload.</summary>
    public static PixelBuffer<float> Blur(PixelBuffer<float> src, float sigma)
    {
        var dst = new PixelBuffer<float>(src.Width, src.Height, 1, clear: false);
        Blur(src, dst, sigma);
        return dst;
    }
}
