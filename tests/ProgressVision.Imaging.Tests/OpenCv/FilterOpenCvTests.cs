using ProgressVision.Imaging.Filters;
using ProgressVision.Imaging.Tests.Kernels;
using ProgressVision.Imaging.Tests.Oracles;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.OpenCv;

/// <summary>Runs OpenCV once for every filter comparison in <see cref="FilterOpenCvTests"/>.</summary>
public sealed class FilterOracleFixture : IDisposable
{
    public const int W = 173, H = 121;

    public FilterOracleFixture()
    {
        Plane = TestImages.RandomFloats(W * H, 11);
        Rgb = TestImages.RandomBytes(W * H * 3, 12);
        Gray = TestImages.RandomBytes(W * H, 13);
        Oracle.Put("plane", Plane, H, W);
        Oracle.Put("rgb", Rgb, H, W, 3);
        Oracle.Put("gray", Gray, H, W);
        Oracle.Run("""
            p = load('plane'); rgb = load('rgb'); g = load('gray')
            R101 = cv2.BORDER_REFLECT_101
            for s in (0.8, 2.0, 5.3):
                save('gauss_%g' % s, cv2.GaussianBlur(p, (0, 0), s, sigmaY=s, borderType=R101))
            for s in (0.8, 1.5, 2.0, 5.3):
                save('gauss_rgb_%g' % s, cv2.GaussianBlur(rgb, (0, 0), s, sigmaY=s, borderType=R101))
                save('gauss_gray_%g' % s, cv2.GaussianBlur(g, (0, 0), s, sigmaY=s, borderType=R101))
            save('sobel_x', cv2.Sobel(p, cv2.CV_32F, 1, 0, ksize=3, borderType=R101))
            save('sobel_y', cv2.Sobel(p, cv2.CV_32F, 0, 1, ksize=3, borderType=R101))
            save('scharr_x', cv2.Scharr(p, cv2.CV_32F, 1, 0, borderType=R101))
            save('scharr_y', cv2.Scharr(p, cv2.CV_32F, 0, 1, borderType=R101))
            save('pyr', cv2.pyrDown(p, borderType=R101))
            save('pyr_odd', cv2.pyrDown(p[:120, :172], borderType=R101))
            save('box_f', cv2.blur(p, (7, 7), borderType=R101))
            save('box_b', cv2.blur(g, (9, 9), borderType=R101))
            ii = cv2.integral(g, sdepth=cv2.CV_64F)
            save('integral', ii)
            """);
    }

    public OpenCvOracle Oracle { get; } = new();

    public float[] Plane { get; }

    public byte[] Rgb { get; }

    public byte[] Gray { get; }

    public void Dispose() => Oracle.Dispose();
}

/// <summary>Filters against Debian's OpenCV (cv2 via /usr/bin/python3), BORDER_REFLECT_101 everywhere.</summary>
public class FilterOpenCvTests(FilterOracleFixture fx, ITestOutputHelper output) : IClassFixture<FilterOracleFixture>
{
    private const int W = FilterOracleFixture.W, H = FilterOracleFixture.H;

    // Same kernel taps (same formula, float); only summation order differs.
    private const float GaussianTolerance = 1e-5f;

    // Same three-tap arithmetic, maybe a different order: ulps of values up to 16 (Scharr: 16·1·(3+10+3)).
    private const float GradientTolerance = 1e-5f;

    private const float PyramidTolerance = 1e-6f;

    [Theory]
    [InlineData(0.8f)]
    [InlineData(2f)]
    [InlineData(5.3f)]
    public void GaussianMatchesCv2(float sigma)
    {
        var ours = new float[W * H];
        GaussianBlur.Blur(fx.Plane, W, H, 1, ours, sigma);
        var cv = fx.Oracle.Get<float>($"gauss_{sigma:0.###}".Replace(",", ".", StringComparison.Ordinal));
        float d = TestImages.MaxAbsDiff(ours, cv);
        output.WriteLine($"gaussian σ={sigma}: max |ours − cv2| = {d:g3}");
        Assert.True(d <= GaussianTolerance, $"σ={sigma}: max |ours − cv2| = {d}");
    }

    [Theory]
    [InlineData(0.8f)]
    [InlineData(1.5f)]
    [InlineData(2f)]
    [InlineData(5.3f)]
    public void ByteGaussianMatchesCv2(float sigma)
    {
        // OpenCV's 8-bit Gaussian is its bit-exact fixed-point path (8.8 taps quantised by error diffusion,
        // exact integer sums, one rounding); ours does the same arithmetic, so results must be identical.
        string tag = sigma.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, src, channels) in new[] { ("rgb", fx.Rgb, 3), ("gray", fx.Gray, 1) })
        {
            var ours = new byte[src.Length];
            GaussianBlur.Blur(src, W, H, channels, ours, sigma);
            var cv = fx.Oracle.Get<byte>($"gauss_{name}_{tag}");
            int differ = ours.Where((v, i) => v != cv[i]).Count();
            output.WriteLine($"gaussian {name}8 σ={tag}: max |ours − cv2| = {TestImages.MaxAbsDiff(ours, cv)}, {differ} of {ours.Length} values differ");
            Assert.True(differ == 0, $"{name} σ={tag}: {differ} values differ (max {TestImages.MaxAbsDiff(ours, cv)})");
        }
    }

    [Fact]
    public void SobelAndScharrMatchCv2()
    {
        var gx = new float[W * H];
        var gy = new float[W * H];
        Gradients.Sobel(fx.Plane, W, H, gx, gy);
        output.WriteLine($"sobel: {TestImages.MaxAbsDiff(gx, fx.Oracle.Get<float>("sobel_x")):g3} / {TestImages.MaxAbsDiff(gy, fx.Oracle.Get<float>("sobel_y")):g3}");
        Assert.True(TestImages.MaxAbsDiff(gx, fx.Oracle.Get<float>("sobel_x")) <= GradientTolerance, "sobel x");
        Assert.True(TestImages.MaxAbsDiff(gy, fx.Oracle.Get<float>("sobel_y")) <= GradientTolerance, "sobel y");
        Gradients.Scharr(fx.Plane, W, H, gx, gy);
        output.WriteLine($"scharr: {TestImages.MaxAbsDiff(gx, fx.Oracle.Get<float>("scharr_x")):g3} / {TestImages.MaxAbsDiff(gy, fx.Oracle.Get<float>("scharr_y")):g3}");
        Assert.True(TestImages.MaxAbsDiff(gx, fx.Oracle.Get<float>("scharr_x")) <= GradientTolerance, $"scharr x {TestImages.MaxAbsDiff(gx, fx.Oracle.Get<float>("scharr_x"))}");
        Assert.True(TestImages.MaxAbsDiff(gy, fx.Oracle.Get<float>("scharr_y")) <= GradientTolerance, "scharr y");
    }

    [Fact]
    public void PyrDownMatchesCv2ForOddAndEvenSizes()
    {
        var ours = new float[((W + 1) / 2) * ((H + 1) / 2)];
        Pyramid.Down(fx.Plane, W, H, ours);
        output.WriteLine($"pyrDown odd: {TestImages.MaxAbsDiff(ours, fx.Oracle.Get<float>("pyr")):g3}");
        Assert.True(TestImages.MaxAbsDiff(ours, fx.Oracle.Get<float>("pyr")) <= PyramidTolerance, "odd size");

        // Even-sized crop 172×120.
        var crop = new float[172 * 120];
        for (int y = 0; y < 120; y++)
        {
            fx.Plane.AsSpan(y * W, 172).CopyTo(crop.AsSpan(y * 172));
        }

        var even = new float[86 * 60];
        Pyramid.Down(crop, 172, 120, even);
        Assert.True(TestImages.MaxAbsDiff(even, fx.Oracle.Get<float>("pyr_odd")) <= PyramidTolerance, "even size");
    }

    [Fact]
    public void BoxBlurMatchesCv2()
    {
        var f = new float[W * H];
        BoxBlur.Blur(fx.Plane, W, H, f, 3);
        output.WriteLine($"box float: {TestImages.MaxAbsDiff(f, fx.Oracle.Get<float>("box_f")):g3}");
        Assert.True(TestImages.MaxAbsDiff(f, fx.Oracle.Get<float>("box_f")) <= 1e-6f, $"float {TestImages.MaxAbsDiff(f, fx.Oracle.Get<float>("box_f"))}");
        var b = new byte[W * H];
        BoxBlur.Blur(fx.Gray, W, H, b, 4);
        Assert.Equal(0, TestImages.MaxAbsDiff(b, fx.Oracle.Get<byte>("box_b")));
    }

    [Fact]
    public void IntegralMatchesCv2Exactly()
    {
        var ours = new long[(W + 1) * (H + 1)];
        IntegralImage.Compute(fx.Gray, W, H, ours);
        var cv = fx.Oracle.Get<double>("integral");
        Assert.Equal(cv.Select(v => (long)v).ToArray(), ours);
    }
}
