using ProgressVision.Imaging.Color;

namespace ProgressVision.Imaging.Tests.Kernels;

/// <summary>Colour kernels (vector deinterleave, Exp/Log transfer curve, Halley cube root) against the one-pixel references.</summary>
[Trait("Category", "KernelEquivalence")]
public class ColorEquivalenceTests
{
    // Vector Exp/Log (≈1-2 ulp) and the Halley cube root vs MathF.Pow/MathF.Cbrt: ≤ 1e-4 in L, a, b
    // (Lab units; a just-noticeable difference is ≈ 1).
    private const float LabTolerance = 1e-4f * 100f;

    // Transfer curve values in [0,1]: a few ulps.
    private const float TransferTolerance = 2e-6f;

    // Lab → sRGB in [0,1].
    private const float LabToRgbTolerance = 1e-5f;

    private static IEnumerable<int> PixelCounts => Enumerable.Range(0, 68);

    [Fact]
    public void GrayMatchesScalarForEveryLength()
    {
        foreach (int n in PixelCounts)
        {
            var rgbB = TestImages.RandomBytes(3 * n, n);
            var rgbF = TestImages.RandomFloats(3 * n, n);
            var gb = new byte[n];
            var rb = new byte[n];
            ColorConversion.RgbToGray(rgbB, gb);
            ColorConversion.RgbToGrayScalar(rgbB, rb);
            Assert.True(gb.AsSpan().SequenceEqual(rb), $"byte gray n={n}");
            var gf = new float[n];
            var rf = new float[n];
            ColorConversion.RgbToGray(rgbF, gf);
            ColorConversion.RgbToGrayScalar(rgbF, rf);
            Assert.True(gf.AsSpan().SequenceEqual(rf), $"float gray n={n}");
        }
    }

    [Fact]
    public void ByteGrayIsExactForEveryChannelValue()
    {
        // All 256 values on each channel in turn, plus random triples: the float evaluation of the 15-bit
        // fixed-point formula must be exact everywhere.
        var rgb = new byte[3 * 1024];
        var rng = new Random(TestImages.Seed);
        for (int i = 0; i < 256; i++)
        {
            rgb[3 * i] = (byte)i;
            rgb[(3 * (256 + i)) + 1] = (byte)i;
            rgb[(3 * (512 + i)) + 2] = (byte)i;
        }

        rng.NextBytes(rgb.AsSpan(3 * 768));
        var g = new byte[1024];
        var r = new byte[1024];
        ColorConversion.RgbToGray(rgb, g);
        ColorConversion.RgbToGrayScalar(rgb, r);
        Assert.Equal(r, g);
    }

    [Fact]
    public void TransferCurvesMatchScalarForEveryLength()
    {
        foreach (int n in Enumerable.Range(0, 68))
        {
            var x = TestImages.RandomFloats(n, n, -0.1f, 1.1f);
            var fast = new float[n];
            var slow = new float[n];
            ColorConversion.SrgbToLinear(x, fast);
            ColorConversion.TransferScalar(x, slow, decode: true);
            Assert.True(TestImages.MaxAbsDiff(fast, slow) <= TransferTolerance, $"decode n={n}");
            ColorConversion.LinearToSrgb(x, fast);
            ColorConversion.TransferScalar(x, slow, decode: false);
            Assert.True(TestImages.MaxAbsDiff(fast, slow) <= TransferTolerance, $"encode n={n}");
        }
    }

    [Fact]
    public void LabMatchesScalarForEveryLength()
    {
        foreach (int n in PixelCounts)
        {
            var rgbF = TestImages.RandomFloats(3 * n, n);
            var rgbB = TestImages.RandomBytes(3 * n, n);
            var fast = new float[3 * n];
            var slow = new float[3 * n];
            ColorConversion.RgbToLab(rgbF, fast);
            ColorConversion.RgbToLabScalar(rgbF, slow);
            Assert.True(TestImages.MaxAbsDiff(fast, slow) <= LabTolerance, $"float lab n={n}: {TestImages.MaxAbsDiff(fast, slow)}");
            ColorConversion.RgbToLab(rgbB, fast);
            ColorConversion.RgbToLabScalar(rgbB, slow);
            Assert.True(TestImages.MaxAbsDiff(fast, slow) <= LabTolerance, $"byte lab n={n}: {TestImages.MaxAbsDiff(fast, slow)}");

            var back = new float[3 * n];
            var backSlow = new float[3 * n];
            ColorConversion.LabToRgb(slow, back);
            ColorConversion.LabToRgbScalar(slow, backSlow);
            Assert.True(TestImages.MaxAbsDiff(back, backSlow) <= LabToRgbTolerance, $"lab→rgb n={n}: {TestImages.MaxAbsDiff(back, backSlow)}");
        }
    }

    [Fact]
    public void LabRoundTripsEveryGreyAndRandomColours()
    {
        var rgb = TestImages.RandomBytes(3 * 5000, 7);
        var lab = new float[rgb.Length];
        var back = new byte[rgb.Length];
        ColorConversion.RgbToLab(rgb, lab);
        ColorConversion.LabToRgb(lab, back);
        Assert.Equal(0, TestImages.MaxAbsDiff(rgb, back));
    }

    [Fact]
    public void KnownLabValues()
    {
        // Independent truth: white → (100, 0, 0); sRGB red (1,0,0) → L 53.24, a 80.09, b 67.20 (Lindbloom's calculator, D65).
        var lab = new float[6];
        ColorConversion.RgbToLab(new float[] { 1, 1, 1, 1, 0, 0 }, lab);
        Assert.Equal(100f, lab[0], 2);
        Assert.Equal(0f, lab[1], 2);
        Assert.Equal(0f, lab[2], 2);
        Assert.Equal(53.24f, lab[3], 1);
        Assert.Equal(80.09f, lab[4], 1);
        Assert.Equal(67.20f, lab[5], 1);
    }
}
