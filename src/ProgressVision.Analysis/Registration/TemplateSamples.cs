using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// The template pixels intensity alignment uses: the most textured ones (largest gradient of the
/// normalised AFTER plane), thinned to a budget. Flat skin carries no position information and
/// only adds noise and time.
/// </summary>
internal sealed class TemplateSamples
{
    private TemplateSamples(int count)
    {
        X = new float[count];
        Y = new float[count];
        Value = new float[count];
        Gx = new float[count];
        Gy = new float[count];
    }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Value { get; }

    public float[] Gx { get; }

    public float[] Gy { get; }

    public int Count => X.Length;

    public static TemplateSamples Select(PixelBuffer<float> z, int budget, int margin)
    {
        int w = z.Width, h = z.Height;
        margin = Math.Max(margin, 1);

        // Gradient-magnitude histogram (coarse bins) to find the threshold keeping ~budget·2 pixels,
        // then a regular thinning to the budget.
        const int bins = 256;
        const float maxMag = 8f;
        var hist = new int[bins];
        for (int y = margin; y < h - margin; y++)
        {
            var up = z.Row(y - 1);
            var mid = z.Row(y);
            var dn = z.Row(y + 1);
            for (int x = margin; x < w - margin; x++)
            {
                float gx = 0.5f * (mid[x + 1] - mid[x - 1]), gy = 0.5f * (dn[x] - up[x]);
                float m = MathF.Sqrt((gx * gx) + (gy * gy));
                hist[Math.Min(bins - 1, (int)(m / maxMag * bins))]++;
            }
        }

        int keepTarget = budget * 2, acc = 0, thrBin = bins - 1;
        for (; thrBin > 0; thrBin--)
        {
            acc += hist[thrBin];
            if (acc >= keepTarget)
            {
                break;
            }
        }

        float thr = thrBin * maxMag / bins;
        int stride = Math.Max(1, acc / Math.Max(budget, 1));
        var xs = new List<int>(budget + 16);
        var ys = new List<int>(budget + 16);
        int seen = 0;
        for (int y = margin; y < h - margin; y++)
        {
            var up = z.Row(y - 1);
            var mid = z.Row(y);
            var dn = z.Row(y + 1);
            for (int x = margin; x < w - margin; x++)
            {
                float gx = 0.5f * (mid[x + 1] - mid[x - 1]), gy = 0.5f * (dn[x] - up[x]);
                if ((gx * gx) + (gy * gy) >= thr * thr && seen++ % stride == 0)
                {
                    xs.Add(x);
                    ys.Add(y);
                }
            }
        }

        var s = new TemplateSamples(xs.Count);
        for (int i = 0; i < xs.Count; i++)
        {
            int x = xs[i], y = ys[i];
            s.X[i] = x;
            s.Y[i] = y;
            s.Value[i] = z[x, y];
            s.Gx[i] = 0.5f * (z[x + 1, y] - z[x - 1, y]);
            s.Gy[i] = 0.5f * (z[x, y + 1] - z[x, y - 1]);
        }

        return s;
    }
}
