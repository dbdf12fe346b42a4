using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>The vectorised forward filters and filter score against their scalar references, at every width.</summary>
[Trait("Category", "KernelEquivalence")] // re-run with SIMD off by Kernels/ScalarFallbackTests
public sealed class PngRowFilterTests
{
    [Fact]
    public void VectorFiltersEqualScalarReferenceAtEveryWidth()
    {
        var rng = new Random(67);
        foreach (int bpp in new[] { 1, 2, 3, 4, 6, 8 })
        {
            for (int n = 1; n <= 67; n++)
            {
                byte[] row = new byte[n], prev = new byte[n];
                rng.NextBytes(row);
                rng.NextBytes(prev);
                for (int type = 0; type < 5; type++)
                {
                    byte[] fast = new byte[n], reference = new byte[n];
                    PngRowFilter.Filter(type, row, prev, fast, bpp);
                    PngRowFilter.FilterScalar(type, row, prev, reference, bpp, 0, n);
                    Assert.True(reference.AsSpan().SequenceEqual(fast), $"filter {type}, bpp {bpp}, width {n}");

                    // And the decoder's unfilter inverts it.
                    Assert.True(PngUnfilter.Apply((byte)type, reference, prev, bpp));
                    Assert.True(row.AsSpan().SequenceEqual(reference), $"unfilter {type}, bpp {bpp}, width {n}");
                }
            }
        }
    }

    [Fact]
    public void PaethTiesAndExtremesMatchTheScalarPredictor()
    {
        // Every (a, b, c) over a coarse grid that includes 0, 255 and equal values (the tie rules of §9.4).
        int[] levels = [0, 1, 2, 127, 128, 129, 253, 254, 255];
        var triples = from a in levels from b in levels from c in levels select (a, b, c);
        foreach (var (a, b, c) in triples)
        {
            byte[] row = [(byte)a, .. Enumerable.Repeat((byte)a, 17)];
            byte[] prev = [(byte)c, .. Enumerable.Repeat((byte)b, 17)];
            row[1] = 200;
            byte[] fast = new byte[18], reference = new byte[18];
            PngRowFilter.Filter(PngConstants.FilterPaeth, row, prev, fast, 1);
            PngRowFilter.FilterScalar(PngConstants.FilterPaeth, row, prev, reference, 1, 0, 18);
            Assert.True(reference.AsSpan().SequenceEqual(fast), $"a={a} b={b} c={c}");
        }
    }

    [Fact]
    public void SignedMagnitudeEqualsScalarReference()
    {
        var rng = new Random(3);
        for (int n = 0; n <= 300; n++)
        {
            byte[] data = new byte[n];
            rng.NextBytes(data);
            Assert.Equal(PngRowFilter.SignedMagnitudeScalar(data), PngRowFilter.SignedMagnitude(data));
        }

        // Long runs of the largest magnitude (0x80 = −128) exercise the 16-bit accumulator flush.
        byte[] worst = Enumerable.Repeat((byte)0x80, 100_003).ToArray();
        Assert.Equal(128L * 100_003, PngRowFilter.SignedMagnitude(worst));
    }
}
