using ProgressVision.Analysis.Segmentation;

namespace ProgressVision.Analysis.Tests.Segmentation;

public class OrientationCoherenceTests
{
    // Float sums against a double reference over windows of up to a few hundred taps.
    private const double Tolerance = 2e-4;

    [Theory]
    [InlineData(37, 29, 3.0)]
    [InlineData(64, 48, 9.0)]
    [InlineData(31, 70, 40.0)]
    public void Field_matches_a_direct_double_precision_structure_tensor_everywhere(int w, int h, double windowSigma)
    {
        var rng = new Random(w * h);
        var plane = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                // Oriented stripes plus noise: coherence varies across the plane.
                plane[(y * w) + x] = (float)((0.3 * Math.Sin((0.7 * x) + (0.2 * y))) + (0.2 * rng.NextDouble()));
            }
        }

        var field = OrientationCoherence.Compute(plane, w, h, windowSigma);
        var (coh, energy) = Reference(plane, w, h, windowSigma);
        int hw = (w + 1) / 2;
        Assert.Equal(hw, field.Width);
        Assert.Equal((h + 1) / 2, field.Height);
        for (int gy = 0; gy < field.Height; gy++)
        {
            for (int gx = 0; gx < field.Width; gx++)
            {
                Assert.Equal(coh[(gy * hw) + gx], field.At(2 * gx, 2 * gy), Tolerance);
                Assert.Equal(energy[(gy * hw) + gx], field.EnergyAt(2 * gx, 2 * gy), Tolerance * Math.Max(1, energy[(gy * hw) + gx]));
            }
        }
    }

    [Fact]
    public void Straight_stripes_are_coherent_and_a_round_spot_is_not()
    {
        const int w = 120, h = 120;
        var stripes = new float[w * h];
        var spot = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                stripes[(y * w) + x] = (float)Math.Sin(0.5 * (x + y));
                double r2 = ((x - 60) * (x - 60)) + ((y - 60) * (y - 60));
                spot[(y * w) + x] = (float)Math.Exp(-r2 / (2 * 8.0 * 8.0));
            }
        }

        Assert.InRange(OrientationCoherence.Compute(stripes, w, h, 10).At(60, 60), 0.95f, 1.0f);
        Assert.InRange(OrientationCoherence.Compute(spot, w, h, 10).At(60, 60), 0f, 0.05f);
    }

    // Definition, in double: 2×2 mean to the half grid, central differences (one-sided at the
    // border), products, a normalised sampled Gaussian window of radius ⌈2.5σ⌉ with replicated
    // borders (σ = max(0.8, windowSigma/2) grid cells), ((Jxx−Jyy)² + 4Jxy²)/(trace + 1e-5)².
    private static (double[] Coh, double[] Energy) Reference(float[] plane, int w, int h, double windowSigma)
    {
        int hw = (w + 1) / 2, hh = (h + 1) / 2;
        double At(int x, int y) => plane[(Math.Min(h - 1, y) * w) + Math.Min(w - 1, x)];
        var half = new double[hw * hh];
        for (int y = 0; y < hh; y++)
        {
            for (int x = 0; x < hw; x++)
            {
                half[(y * hw) + x] = 0.25 * (At(2 * x, 2 * y) + At((2 * x) + 1, 2 * y) + At(2 * x, (2 * y) + 1) + At((2 * x) + 1, (2 * y) + 1));
            }
        }

        var jxx = new double[hw * hh];
        var jyy = new double[hw * hh];
        var jxy = new double[hw * hh];
        for (int y = 0; y < hh; y++)
        {
            for (int x = 0; x < hw; x++)
            {
                double gx = 0.5 * (half[(y * hw) + Math.Min(hw - 1, x + 1)] - half[(y * hw) + Math.Max(0, x - 1)]);
                double gy = 0.5 * (half[(Math.Min(hh - 1, y + 1) * hw) + x] - half[(Math.Max(0, y - 1) * hw) + x]);
                jxx[(y * hw) + x] = gx * gx;
                jyy[(y * hw) + x] = gy * gy;
                jxy[(y * hw) + x] = gx * gy;
            }
        }

        double s = Math.Max(0.8, windowSigma / 2);
        int r = Math.Max(1, (int)Math.Ceiling(2.5 * s));
        var k = new double[(2 * r) + 1];
        for (int i = -r; i <= r; i++)
        {
            k[i + r] = Math.Exp(-(i * i) / (2 * s * s));
        }

        double sum = k.Sum();
        var coh = new double[hw * hh];
        var energy = new double[hw * hh];
        for (int y = 0; y < hh; y++)
        {
            for (int x = 0; x < hw; x++)
            {
                double sxx = 0, syy = 0, sxy = 0;
                for (int dy = -r; dy <= r; dy++)
                {
                    for (int dx = -r; dx <= r; dx++)
                    {
                        int i = (Math.Clamp(y + dy, 0, hh - 1) * hw) + Math.Clamp(x + dx, 0, hw - 1);
                        double wgt = k[dy + r] * k[dx + r] / (sum * sum);
                        sxx += wgt * jxx[i];
                        syy += wgt * jyy[i];
                        sxy += wgt * jxy[i];
                    }
                }

                double tr = sxx + syy, diff = sxx - syy;
                coh[(y * hw) + x] = ((diff * diff) + (4 * sxy * sxy)) / ((tr + 1e-5) * (tr + 1e-5));
                energy[(y * hw) + x] = tr;
            }
        }

        return (coh, energy);
    }
}
