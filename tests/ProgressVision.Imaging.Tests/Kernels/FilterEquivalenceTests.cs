using ProgressVision.Imaging.Filters;

namespace ProgressVision.Imaging.Tests.Kernels;

/// <summary>Gaussian, Sobel/Scharr and pyrDown vector paths against their scalar references.</summary>
[Trait("Category", "KernelEquivalence")]
public class FilterEquivalenceTests
{
    // Vector Gaussian sums vertical-first with FMA and paired mirrored taps; the reference sums horizontal-first
    // tap by tap. For inputs in [0,1] and ≤ 43 taps the float rounding differences stay below this.
    private const float GaussianTolerance = 2e-6f;

    // pyrDown: the same five taps in another order (vertical first): a few ulps of values ≤ 1.
    private const float PyramidTolerance = 5e-7f;

    [Theory]
    [InlineData(0.8f, 1)]
    [InlineData(2f, 1)]
    [InlineData(2f, 3)]
    [InlineData(5.3f, 1)]
    public void GaussianMatchesScalarAtEveryWidth(float sigma, int channels)
    {
        var k = GaussianBlur.Kernel(sigma);
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var src = TestImages.RandomFloats(w * h * channels, w + (31 * h));
                var fast = new float[src.Length];
                var slow = new float[src.Length];
                GaussianBlur.Blur(src, w, h, channels, fast, sigma);
                GaussianBlur.BlurScalar(src, w, h, channels, slow, k);
                float diff = TestImages.MaxAbsDiff(fast, slow);
                Assert.True(diff <= GaussianTolerance, $"σ={sigma} {w}x{h}x{channels}: {diff}");
            }
        }
    }

    [Theory]
    [InlineData(1.5f, 3)]
    [InlineData(0.8f, 1)]
    [InlineData(5.3f, 3)]
    public void ByteGaussianEqualsFixedPointReferenceAtEveryWidth(float sigma, int channels)
    {
        var k = GaussianBlur.FixedKernel(sigma);
        Assert.Equal(256, k.Sum(v => v));
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var src = TestImages.RandomBytes(w * h * channels, w + h);
                var fast = new byte[src.Length];
                var slow = new byte[src.Length];
                GaussianBlur.Blur(src, w, h, channels, fast, sigma);
                GaussianBlur.BlurFixedScalar(src, w, h, channels, slow, k);
                Assert.True(fast.AsSpan().SequenceEqual(slow), $"σ={sigma} {w}x{h}x{channels}");
            }
        }
    }

    [Fact]
    public void ByteGaussianIsWithinQuantisationBoundOfTheFloatGaussian()
    {
        // Independent of the fixed-point formula: only tap quantisation (1/256) and one rounding separate them.
        const int w = 67, h = 19;
        var src = TestImages.RandomBytes(w * h * 3, 5);
        var fast = new byte[src.Length];
        GaussianBlur.Blur(src, w, h, 3, fast, 2f);
        var f = src.Select(b => (float)b).ToArray();
        var exact = new float[f.Length];
        var k = GaussianBlur.Kernel(2f, GaussianBlur.KernelRadius(2f, forBytes: true));
        GaussianBlur.BlurScalar(f, w, h, 3, exact, k);

        // Both 2-D kernels sum to 1, so the tap errors Δ sum to 0 and for pixels in [0, 255] the worst case
        // is 255·Σ_{Δ>0} Δ = 255·Σ|Δ|/2; plus the final rounding.
        var q = GaussianBlur.FixedKernel(2f);
        double bound = 0.5 + 1e-3;
        for (int i = 0; i < k.Length; i++)
        {
            for (int j = 0; j < k.Length; j++)
            {
                bound += 255 * Math.Abs(((double)k[i] * k[j]) - (q[i] * q[j] / 65536.0)) / 2;
            }
        }

        for (int i = 0; i < fast.Length; i++)
        {
            Assert.True(Math.Abs(fast[i] - exact[i]) <= bound, $"at {i}: {fast[i]} vs {exact[i]} (bound {bound})");
        }
    }

    [Fact]
    public void SobelAndScharrMatchScalarExactlyAtEveryWidth()
    {
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var src = TestImages.RandomFloats(w * h, w * h);
                var gx = new float[w * h];
                var gy = new float[w * h];
                var rx = new float[w * h];
                var ry = new float[w * h];
                Gradients.Sobel(src, w, h, gx, gy);
                Gradients.ApplyScalar(src, w, h, rx, ry, 1f, 2f);
                Assert.True(gx.AsSpan().SequenceEqual(rx) && gy.AsSpan().SequenceEqual(ry), $"Sobel {w}x{h}");
                Gradients.Scharr(src, w, h, gx, gy);
                Gradients.ApplyScalar(src, w, h, rx, ry, 3f, 10f);
                Assert.True(gx.AsSpan().SequenceEqual(rx) && gy.AsSpan().SequenceEqual(ry), $"Scharr {w}x{h}");
            }
        }
    }

    [Fact]
    public void PyramidDownMatchesScalarAtEveryWidth()
    {
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var src = TestImages.RandomFloats(w * h, w + h);
                int ow = (w + 1) / 2, oh = (h + 1) / 2;
                var fast = new float[ow * oh];
                var slow = new float[ow * oh];
                Pyramid.Down(src, w, h, fast);
                Pyramid.DownScalar(src, w, h, slow);
                Assert.True(TestImages.MaxAbsDiff(fast, slow) <= PyramidTolerance, $"{w}x{h}: {TestImages.MaxAbsDiff(fast, slow)}");
            }
        }
    }

    [Fact]
    public void KernelSizesFollowOpenCvRule()
    {
        // cvRound(σ·4·2+1)|1 for float, cvRound(σ·3·2+1)|1 for 8-bit (hand computed).
        Assert.Equal(7, GaussianBlur.Kernel(0.8f).Length);   // round(7.4) = 7
        Assert.Equal(17, GaussianBlur.Kernel(2f).Length);    // 17
        Assert.Equal(43, GaussianBlur.Kernel(5.3f).Length);  // round(43.4) = 43
        Assert.Equal(6, GaussianBlur.KernelRadius(2f, forBytes: true)); // 13 taps
        Assert.Equal(1f, GaussianBlur.Kernel(2f).Sum(), 5);
    }
}
