using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Tests.Dots;

public class SeparableGaussianTests
{
    [Theory]
    [InlineData(1, 1, 1.0)]
    [InlineData(2, 3, 0.8)]
    [InlineData(37, 23, 1.94)]
    [InlineData(64, 301, 1.73)]
    [InlineData(333, 45, 3.5)]
    public void Half_size_blur_is_every_other_pixel_of_the_full_blur(int w, int h, double sigma)
    {
        var rng = new Random((w * 1000) + h);
        var src = new float[w * h];
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = (float)rng.NextDouble();
        }

        // Oracle: the full-size blur, then subsampling (what the decimation step did before).
        var full = new float[w * h];
        SeparableGaussian.BlurPlane(src, full, w, h, sigma);
        int nw = (w + 1) / 2, nh = (h + 1) / 2;
        var half = new float[nw * nh];
        SeparableGaussian.BlurHalf(src, w, h, sigma, half);
        for (int y = 0; y < nh; y++)
        {
            for (int x = 0; x < nw; x++)
            {
                Assert.Equal(full[(2 * y * w) + (2 * x)], half[(y * nw) + x]);
            }
        }
    }

    [Fact]
    public void Full_blur_of_a_ramp_keeps_the_ramp_inside_and_flattens_at_replicated_borders()
    {
        // Independent check of the reference itself: a symmetric normalised kernel maps a linear
        // ramp onto itself wherever the kernel does not reach the border.
        const int w = 40, h = 9;
        var src = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                src[(y * w) + x] = x;
            }
        }

        var dst = new float[w * h];
        SeparableGaussian.BlurPlane(src, dst, w, h, 2.0);
        int r = SeparableGaussian.Kernel(2.0).Length / 2;
        for (int x = r; x < w - r; x++)
        {
            Assert.Equal(x, dst[(4 * w) + x], 1e-4);
        }

        Assert.True(dst[4 * w] > 0, "left border: replicated zeros and the ramp average above zero");
    }
}
