using System.Runtime.Intrinsics.X86;
using ProgressVision.Imaging.Codecs.Jpeg;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg;

/// <summary>Each vectorised JPEG kernel against its scalar reference (fixed seeds, every width 0..67).</summary>
[Trait("Category", "KernelEquivalence")] // re-run with SIMD off by Kernels/ScalarFallbackTests
public sealed class JpegKernelTests
{
    [Fact]
    public void IdctAvx2MatchesScalar()
    {
        if (!Avx2.IsSupported)
        {
            return; // the dispatcher uses the scalar reference itself on this machine
        }

        var rnd = new Random(42);
        var coef = new int[64];
        var quant = new int[64];
        var a = new byte[8 * 16];
        var b = new byte[8 * 16];
        for (int trial = 0; trial < 20000; trial++)
        {
            int mode = trial % 4;
            for (int i = 0; i < 64; i++)
            {
                quant[i] = rnd.Next(1, mode == 3 ? 256 : 40);
                coef[i] = mode switch
                {
                    0 => i == 0 ? rnd.Next(-1024, 1024) : 0,                        // DC only
                    1 => rnd.Next(8) == 0 ? rnd.Next(-60, 61) : 0,                 // sparse
                    2 => rnd.Next(-300, 301),                                       // dense
                    _ => rnd.Next(4) == 0 ? rnd.Next(-2047, 2048) : 0,              // extreme (clamping)
                };
            }

            JpegIdct.Transform8x8Scalar(ref coef[0], ref quant[0], ref a[3], 16);
            JpegIdct.Transform8x8Avx2(ref coef[0], ref quant[0], ref b[3], 16);
            Assert.True(a.AsSpan().SequenceEqual(b), $"trial {trial} (mode {mode}) differs");
        }
    }

    [Fact]
    public void ColorConversionMatchesScalarAtEveryWidth()
    {
        var rnd = new Random(1);
        for (int n = 0; n <= 67; n++)
        {
            var y = new byte[n];
            var cb = new byte[n];
            var cr = new byte[n];
            rnd.NextBytes(y);
            rnd.NextBytes(cb);
            rnd.NextBytes(cr);
            if (n > 2)
            {
                cb[0] = 0;
                cr[1] = 255; // extremes saturate
            }

            var expected = new byte[n * 3];
            var actual = new byte[n * 3];
            JpegColorConverter.YCbCrToRgbScalar(y, cb, cr, expected, 0);
            JpegColorConverter.YCbCrToRgb(y, cb, cr, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"width {n}");
        }
    }

    [Fact]
    public void ColorConversionMatchesJfifFormula()
    {
        // Hand truth from JFIF 1.02 §7 in doubles; the fixed-point result is within 1 of the rounded real value.
        for (int y = 0; y < 256; y += 15)
        {
            for (int cb = 0; cb < 256; cb += 17)
            {
                for (int cr = 0; cr < 256; cr += 17)
                {
                    var rgb = new byte[3];
                    JpegColorConverter.YCbCrToRgbScalar([(byte)y], [(byte)cb], [(byte)cr], rgb, 0);
                    double r = y + (1.402 * (cr - 128));
                    double g = y - (0.344136 * (cb - 128)) - (0.714136 * (cr - 128));
                    double b = y + (1.772 * (cb - 128));
                    Assert.InRange(rgb[0], Math.Clamp(Math.Round(r) - 1, 0, 255), Math.Clamp(Math.Round(r) + 1, 0, 255));
                    Assert.InRange(rgb[1], Math.Clamp(Math.Round(g) - 1, 0, 255), Math.Clamp(Math.Round(g) + 1, 0, 255));
                    Assert.InRange(rgb[2], Math.Clamp(Math.Round(b) - 1, 0, 255), Math.Clamp(Math.Round(b) + 1, 0, 255));
                }
            }
        }
    }

    [Fact]
    public void UpsamplersMatchScalarAtEveryWidth()
    {
        var rnd = new Random(2);
        for (int n = 3; n <= 67; n++)
        {
            var near = new byte[n];
            var far = new byte[n];
            rnd.NextBytes(near);
            rnd.NextBytes(far);

            var e1 = new byte[2 * n];
            var a1 = new byte[2 * n];
            JpegUpsampler.H2V1FancyScalar(near, e1, 0);
            JpegUpsampler.H2V1Fancy(near, a1);
            Assert.True(e1.AsSpan().SequenceEqual(a1), $"h2v1 width {n}");

            var e2 = new byte[2 * n];
            var a2 = new byte[2 * n];
            JpegUpsampler.H2V2FancyScalar(near, far, e2, new short[n], 0);
            JpegUpsampler.H2V2Fancy(near, far, a2, new short[n]);
            Assert.True(e2.AsSpan().SequenceEqual(a2), $"h2v2 width {n}");
        }
    }

    [Fact]
    public void FancyUpsamplingIsTheTriangleFilter()
    {
        // Hand-computed: inputs 0, 100, 200 → outputs at 1/4 and 3/4 between centres (jdsample.c biases 1 and 2).
        var output = new byte[6];
        JpegUpsampler.H2V1FancyScalar([0, 100, 200], output, 0);
        Assert.Equal(new byte[] { 0, (0 * 3 + 100 + 2) >> 2, (300 + 0 + 1) >> 2, (300 + 200 + 2) >> 2, (600 + 100 + 1) >> 2, 200 }, output);
    }
}
