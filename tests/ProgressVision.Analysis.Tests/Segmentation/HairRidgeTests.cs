using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Segmentation;

namespace ProgressVision.Analysis.Tests.Segmentation;

public class HairRidgeTests
{
    [Theory]
    [InlineData(3, 3)]
    [InlineData(17, 5)]
    [InlineData(40, 64)]
    [InlineData(33, 65)]
    [InlineData(129, 200)]
    public void Banded_ridge_and_noise_sample_equal_those_of_the_whole_smoothed_plane(int w, int h)
    {
        var rng = new Random((w * 7919) + h);
        var dark = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                // A dark diagonal line (a hair) on noise.
                dark[(y * w) + x] = (float)((Math.Abs(x - (0.6 * y) - 3) < 1.2 ? 0.5 : 0) + (0.05 * rng.NextDouble()));
            }
        }

        var ridge = new float[(w * h) + 5];
        Array.Fill(ridge, float.NaN);
        var sample = HairRidge.Compute(dark, w, h, ridge);

        // Oracle: smooth the whole plane, then the Hessian ridge measure of every inner pixel.
        var s = new float[w * h];
        SeparableGaussian.BlurPlane(dark, s, w, h, 1.0);
        var expectedSample = new List<float>();
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float expected = 0;
                if (x > 0 && y > 0 && x < w - 1 && y < h - 1)
                {
                    int i = (y * w) + x;
                    double dxx = s[i + 1] + s[i - 1] - (2.0 * s[i]);
                    double dyy = s[i + w] + s[i - w] - (2.0 * s[i]);
                    double dxy = 0.25 * (s[i + w + 1] - s[i + w - 1] - s[i - w + 1] + s[i - w - 1]);
                    double disc = Math.Sqrt((0.25 * (dxx - dyy) * (dxx - dyy)) + (dxy * dxy));
                    double lMin = (0.5 * (dxx + dyy)) - disc, lMax = (0.5 * (dxx + dyy)) + disc;
                    expected = lMin < 0 ? (float)Math.Max(0, -lMin - Math.Abs(lMax)) : 0;
                }

                Assert.Equal(expected, ridge[(y * w) + x], 1e-5f);
            }
        }

        for (int y = 1; y < h - 1; y += 3)
        {
            for (int x = 1 + (y % 7); x < w - 1; x += 7)
            {
                int i = (y * w) + x;
                expectedSample.Add(Math.Abs(s[i + 1] + s[i - 1] - (2 * s[i])));
            }
        }

        Assert.Equal(expectedSample.Order(), sample.Order());
        Assert.True(float.IsNaN(ridge[w * h]), "nothing is written past w × h");
    }

    [Fact]
    [Trait("Category", "KernelEquivalence")]
    public void Row_kernel_equals_its_scalar_reference_bit_for_bit_at_every_width()
    {
        var rng = new Random(67);
        for (int w = 1; w <= 67; w++)
        {
            var rows = new float[3][];
            for (int k = 0; k < 3; k++)
            {
                rows[k] = new float[w];
                for (int x = 0; x < w; x++)
                {
                    // Exact zeros and ties included: flat patches are where signs of zero show.
                    rows[k][x] = rng.Next(4) == 0 ? 0f : (float)(rng.NextDouble() - 0.3);
                }
            }

            var fast = new float[w];
            var reference = new float[w];
            Array.Fill(fast, float.NaN);
            HairRidge.RidgeRow(rows[0], rows[1], rows[2], fast, new float[4 * w]);
            HairRidge.RidgeRowScalar(rows[0], rows[1], rows[2], reference);
            for (int x = 0; x < w; x++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(reference[x]) == BitConverter.SingleToInt32Bits(fast[x]), $"w {w}, x {x}: {reference[x]} vs {fast[x]}");
            }
        }
    }

    [Fact]
    public void Row_kernel_refuses_mismatched_rows()
    {
        Assert.Throws<ArgumentException>(() => HairRidge.RidgeRow(new float[5], new float[6], new float[6], new float[6], new float[16]));
        Assert.Throws<ArgumentException>(() => HairRidge.RidgeRow(new float[6], new float[6], new float[6], new float[6], new float[15]));
    }

    [Fact]
    public void A_dark_line_is_a_ridge_and_a_round_dot_is_not()
    {
        const int w = 60, h = 60;
        var line = new float[w * h];
        var dot = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                line[(y * w) + x] = Math.Abs(x - 30) <= 1 ? 0.6f : 0f;
                dot[(y * w) + x] = ((x - 30) * (x - 30)) + ((y - 30) * (y - 30)) <= 9 ? 0.6f : 0f;
            }
        }

        var ridge = new float[w * h];
        HairRidge.Compute(line, w, h, ridge);
        Assert.True(ridge[(30 * w) + 30] > 0.1f, $"line centre {ridge[(30 * w) + 30]}");
        HairRidge.Compute(dot, w, h, ridge);
        Assert.Equal(0f, ridge[(30 * w) + 30]);
    }
}
