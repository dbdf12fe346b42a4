using ProgressVision.Imaging.Codecs.Jpeg.Encoder;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg.Encoder;

/// <summary>The encoder's parts against hand-computable truth: the T.81 DCT formula, Annex K.2 code-length rules.</summary>
[Trait("Category", "KernelEquivalence")] // re-run with SIMD off by Kernels/ScalarFallbackTests
public sealed class JpegEncoderPartsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AanDctEqualsTheT81FormulaAfterScaling(bool vector)
    {
        var rng = new Random(42);
        for (int trial = 0; trial < 20; trial++)
        {
            var f = new float[64];
            for (int i = 0; i < 64; i++)
            {
                f[i] = rng.Next(-128, 128);
            }

            var aan = (float[])f.Clone();
            if (vector)
            {
                JpegForwardDct.TransformVector(aan); // software-emulated where Vector256 is not accelerated
            }
            else
            {
                JpegForwardDct.TransformScalar(aan);
            }

            for (int v = 0; v < 8; v++)
            {
                for (int u = 0; u < 8; u++)
                {
                    // T.81 §A.3.3: F(v,u) = ¼ C(u) C(v) Σ f(y,x) cos((2x+1)uπ/16) cos((2y+1)vπ/16).
                    double sum = 0;
                    for (int y = 0; y < 8; y++)
                    {
                        for (int x = 0; x < 8; x++)
                        {
                            sum += f[(y * 8) + x] * Math.Cos((((2 * x) + 1) * u * Math.PI) / 16) * Math.Cos((((2 * y) + 1) * v * Math.PI) / 16);
                        }
                    }

                    double exact = 0.25 * (u == 0 ? 1 / Math.Sqrt(2) : 1) * (v == 0 ? 1 / Math.Sqrt(2) : 1) * sum;
                    double scaled = aan[(v * 8) + u] / (8 * JpegForwardDct.AanScale[u] * JpegForwardDct.AanScale[v]);
                    Assert.True(Math.Abs(exact - scaled) < 1e-3, $"trial {trial} ({u},{v}): AAN {scaled} vs formula {exact}");
                }
            }
        }
    }

    [Fact]
    public void NonZeroMaskEqualsScalarReference()
    {
        var rng = new Random(64);
        var zz = new short[64];
        for (int trial = 0; trial < 2000; trial++)
        {
            Array.Clear(zz);
            int count = rng.Next(65);
            for (int i = 0; i < count; i++)
            {
                zz[rng.Next(64)] = (short)(rng.Next(2) == 0 ? rng.Next(-1023, 0) : rng.Next(1, 1024));
            }

            ulong expected = 0;
            for (int k = 0; k < 64; k++)
            {
                expected |= zz[k] != 0 ? 1UL << k : 0;
            }

            Assert.Equal(expected, JpegEncoderCore.NonZeroMaskScalar(zz));
            Assert.Equal(expected, JpegEncoderCore.NonZeroMask(zz));
        }
    }

    [Fact]
    public void IjgQualityScalingMatchesItsDefinition()
    {
        // jpeg_quality_scaling: Q=50 → 100 % (the Annex K table itself), Q=100 → all ones, Q=25 → 200 %.
        Assert.Equal(JpegQuantizationTables.Luminance.ToArray(), JpegQuantizationTables.Scaled(JpegQuantizationTables.Luminance, 50));
        Assert.All(JpegQuantizationTables.Scaled(JpegQuantizationTables.Chrominance, 100), q => Assert.Equal(1, q));
        Assert.Equal(32, JpegQuantizationTables.Scaled(JpegQuantizationTables.Luminance, 25)[0]);
        Assert.Equal(255, JpegQuantizationTables.Scaled(JpegQuantizationTables.Luminance, 1)[63]); // clamped to baseline
    }

    [Fact]
    public void StandardTablesListEverySymbolOnce()
    {
        foreach (var spec in new[] { JpegHuffmanSpec.LuminanceAC, JpegHuffmanSpec.ChrominanceAC })
        {
            // Baseline AC symbols: EOB, ZRL, and run 0…15 × size 1…10 — 162 in all (T.81 Table F.1/F.2).
            var expected = new HashSet<byte> { 0x00, 0xF0 };
            for (int run = 0; run < 16; run++)
            {
                for (int size = 1; size <= 10; size++)
                {
                    expected.Add((byte)((run << 4) | size));
                }
            }

            Assert.Equal(162, spec.Counts.Sum(c => c));
            Assert.True(expected.SetEquals(spec.Symbols));
        }
    }

    [Fact]
    public void OptimalTablesRespectTheSixteenBitLimitAndReserveAllOnes()
    {
        // Fibonacci frequencies drive an unrestricted Huffman code to ~40-bit lengths (the worst case of K.2).
        var freq = new long[256];
        long a = 1, b = 1;
        for (int i = 0; i < 60; i++)
        {
            freq[i] = a;
            (a, b) = (b, a + b);
        }

        var spec = JpegHuffmanOptimizer.Build(freq);
        Assert.Equal(60, spec.Symbols.Length);
        Assert.Equal(60, spec.Counts.Sum(c => c));

        // Kraft sum strictly below 1: some code point (the all-ones code) is left unused.
        double kraft = 0;
        for (int len = 1; len <= 16; len++)
        {
            kraft += spec.Counts[len - 1] * Math.Pow(2, -len);
        }

        Assert.True(kraft < 1.0, $"Kraft sum {kraft}");
        var (codes, lengths) = spec.BuildCodes();
        foreach (byte s in spec.Symbols)
        {
            Assert.NotEqual((1 << lengths[s]) - 1, codes[s]);
            Assert.InRange(lengths[s], 1, 16);
        }
    }
}
