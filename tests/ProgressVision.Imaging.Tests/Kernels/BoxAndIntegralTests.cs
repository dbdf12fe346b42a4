using ProgressVision.Imaging.Filters;

namespace ProgressVision.Imaging.Tests.Kernels;

/// <summary>Running-sum box blur against direct window sums; integral images against hand sums.</summary>
[Trait("Category", "KernelEquivalence")]
public class BoxAndIntegralTests
{
    // Running double sums vs a direct double sum, both rounded to float once: a few float ulps of ~1.
    private const float BoxFloatTolerance = 1e-6f;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void FloatBoxMatchesDirectSumAtEveryWidth(int radius)
    {
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var src = TestImages.RandomFloats(w * h, w + (7 * h));
                var fast = new float[w * h];
                var slow = new float[w * h];
                BoxBlur.Blur(src, w, h, fast, radius);
                BoxBlur.BlurScalar(src, w, h, slow, radius);
                Assert.True(TestImages.MaxAbsDiff(fast, slow) <= BoxFloatTolerance, $"{w}x{h} r={radius}: {TestImages.MaxAbsDiff(fast, slow)}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ByteBoxIsRoundedDirectMean(int radius)
    {
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var src = TestImages.RandomBytes(w * h, w + (7 * h));
                var fast = new byte[w * h];
                BoxBlur.Blur(src, w, h, fast, radius);
                var asFloat = src.Select(b => (float)b).ToArray();
                var mean = new float[w * h];
                BoxBlur.BlurScalar(asFloat, w, h, mean, radius);
                for (int i = 0; i < fast.Length; i++)
                {
                    // Exact integer sums: the byte result is the mean rounded, within float error of a .5 tie.
                    Assert.True(Math.Abs(fast[i] - mean[i]) <= 0.5f + 1e-4f, $"{w}x{h} r={radius} at {i}: {fast[i]} vs {mean[i]}");
                }
            }
        }
    }

    [Fact]
    public void IntegralMatchesHandSums()
    {
        // 3×2 image [[1,2,3],[4,5,6]]: integral rows (with zero border) computed by hand.
        byte[] src = [1, 2, 3, 4, 5, 6];
        var ii = new long[4 * 3];
        IntegralImage.Compute(src, 3, 2, ii);
        Assert.Equal([0, 0, 0, 0, 0, 1, 3, 6, 0, 5, 12, 21], ii);
        Assert.Equal(5 + 6, IntegralImage.RectSum(ii, 3, 1, 1, 3, 2));
    }

    [Fact]
    public void IntegralOfRandomPlanesEqualsBruteForceAtEveryWidth()
    {
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var b = TestImages.RandomBytes(w * h, w * h);
                var f = TestImages.RandomFloats(w * h, w * h, -1, 1);
                var ib = new long[(w + 1) * (h + 1)];
                var id = new double[(w + 1) * (h + 1)];
                IntegralImage.Compute(b, w, h, ib);
                IntegralImage.Compute(f, w, h, id);
                for (int y = 0; y <= h; y++)
                {
                    for (int x = 0; x <= w; x++)
                    {
                        long sb = 0;
                        double sf = 0;
                        for (int yy = 0; yy < y; yy++)
                        {
                            for (int xx = 0; xx < x; xx++)
                            {
                                sb += b[(yy * w) + xx];
                                sf += f[(yy * w) + xx];
                            }
                        }

                        Assert.Equal(sb, ib[(y * (w + 1)) + x]);
                        Assert.Equal(sf, id[(y * (w + 1)) + x], 9);
                    }
                }
            }
        }
    }
}
