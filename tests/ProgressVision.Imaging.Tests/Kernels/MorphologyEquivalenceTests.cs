using ProgressVision.Imaging.Morphology;

namespace ProgressVision.Imaging.Tests.Kernels;

/// <summary>Fast morphology (van Herk rows + vector folds) against the brute-force per-pixel reference.</summary>
[Trait("Category", "KernelEquivalence")]
public class MorphologyEquivalenceTests
{
    public static TheoryData<StructuringElementShape, int> Elements()
    {
        var d = new TheoryData<StructuringElementShape, int>();
        foreach (var s in Enum.GetValues<StructuringElementShape>())
        {
            // 0..4 use shifted vector loads, 5 and 9 the van Herk scan.
            foreach (int r in new[] { 0, 1, 2, 5, 9 })
            {
                d.Add(s, r);
            }
        }

        return d;
    }

    [Theory]
    [MemberData(nameof(Elements))]
    public void ErodeAndDilateMatchBruteForceAtEveryWidth(StructuringElementShape shape, int radius)
    {
        var se = new StructuringElement(shape, radius);
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                // Grey-level input exercises min/max beyond 0/255 masks.
                var src = TestImages.RandomBytes(w * h, TestImages.Seed + w + (100 * h));
                var fast = new byte[w * h];
                var slow = new byte[w * h];
                MaskMorphology.Erode(src, w, h, fast, se);
                MaskMorphology.ApplyScalar<ErodeOperator>(src, w, h, slow, se);
                Assert.True(fast.AsSpan().SequenceEqual(slow), $"erode {shape} r={radius} {w}x{h}");
                MaskMorphology.Dilate(src, w, h, fast, se);
                MaskMorphology.ApplyScalar<DilateOperator>(src, w, h, slow, se);
                Assert.True(fast.AsSpan().SequenceEqual(slow), $"dilate {shape} r={radius} {w}x{h}");
            }
        }
    }

    [Fact]
    public void InPlaceOpenEqualsErodeThenDilate()
    {
        const int w = 53, h = 31;
        var src = TestImages.RandomMask(w * h, TestImages.Seed, 0.6);
        var se = StructuringElement.Disc(3);
        var expected = new byte[w * h];
        var tmp = new byte[w * h];
        MaskMorphology.ApplyScalar<ErodeOperator>(src, w, h, tmp, se);
        MaskMorphology.ApplyScalar<DilateOperator>(tmp, w, h, expected, se);
        var buf = (byte[])src.Clone();
        MaskMorphology.Open(buf, w, h, buf, se);
        Assert.Equal(expected, buf);
    }

    [Fact]
    public void RejectsMismatchedLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => MaskMorphology.Erode(new byte[10], 5, 2, new byte[9], StructuringElement.Square(1)));
        Assert.Contains("dst", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaskMorphology.Erode(new byte[10], 4, 2, new byte[10], StructuringElement.Square(1)));
    }

    [Fact]
    public void DiscRowsAreTheRoundedCircle()
    {
        // r = 5: half-widths round(√(25 − dy²)) = 5, 5, 5, 4, 3, 0 for |dy| = 0..5 (hand computed:
        // √24 = 4.90, √21 = 4.58, √16 = 4, √9 = 3).
        var d = StructuringElement.Disc(5);
        Assert.Equal([5, 5, 5, 4, 3, 0], Enumerable.Range(0, 6).Select(d.HalfWidth).ToArray());
        Assert.Equal(0, StructuringElement.Cross(4).HalfWidth(2));
        Assert.Equal(4, StructuringElement.Cross(4).HalfWidth(0));
    }
}
