namespace ProgressVision.Imaging.Tests.Kernels;

/// <summary>Deterministic test images (fixed seeds) shared by the kernel tests.</summary>
public static class TestImages
{
    public const int Seed = 20261121;

    /// <summary>Widths every vector-vs-scalar test runs: 1..67 covers every tail length of 8-, 16- and 32-lane bodies.</summary>
    public static IEnumerable<int> Widths => Enumerable.Range(1, 67);

    /// <summary>Heights paired with the widths (1 = single row, small odd/even, taller than most kernels).</summary>
    public static readonly int[] Heights = [1, 2, 5, 19];

    public static float[] RandomFloats(int n, int seed, float min = 0f, float max = 1f)
    {
        var rng = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = min + ((max - min) * rng.NextSingle());
        }

        return a;
    }

    public static byte[] RandomBytes(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new byte[n];
        rng.NextBytes(a);
        return a;
    }

    /// <summary>Random 0/255 mask where each pixel is set with probability <paramref name="density"/>.</summary>
    public static byte[] RandomMask(int n, int seed, double density)
    {
        var rng = new Random(seed);
        var a = new byte[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.NextDouble() < density ? (byte)255 : (byte)0;
        }

        return a;
    }

    /// <summary>A smooth float image (sum of a few sinusoids), values roughly in [0, 1], for sampling tests.</summary>
    public static float[] Smooth(int w, int h, int seed, int channels = 1)
    {
        var rng = new Random(seed);
        var a = new float[w * h * channels];
        var p = Enumerable.Range(0, 4 * channels).Select(_ => (fx: rng.NextDouble() * 0.15, fy: rng.NextDouble() * 0.15, ph: rng.NextDouble() * 6)).ToArray();
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double v = 0.5;
                    for (int k = 0; k < 4; k++)
                    {
                        var q = p[(c * 4) + k];
                        v += 0.12 * Math.Sin((q.fx * x) + (q.fy * y) + q.ph);
                    }

                    a[(((y * w) + x) * channels) + c] = (float)v;
                }
            }
        }

        return a;
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            float d = MathF.Abs(a[i] - b[i]);
            if (float.IsNaN(d))
            {
                if (float.IsNaN(a[i]) && float.IsNaN(b[i]))
                {
                    continue;
                }

                return float.PositiveInfinity;
            }

            m = MathF.Max(m, d);
        }

        return m;
    }

    public static int MaxAbsDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        int m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Math.Abs(a[i] - b[i]));
        }

        return m;
    }
}
