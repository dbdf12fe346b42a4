using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Imaging.Tests.Kernels;

/// <summary>Resize and warp vector paths against their per-pixel references.</summary>
[Trait("Category", "KernelEquivalence")]
public class GeometryEquivalenceTests
{
    // Same coefficients, same two-step lerp; only the vertical step may differ in operation order.
    private const float ResizeTolerance = 1e-6f;

    [Fact]
    public void ResizeMatchesScalarAtEveryWidth()
    {
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                foreach (int c in new[] { 1, 3 })
                {
                    var src = TestImages.RandomFloats(w * h * c, w + h + c);
                    foreach (var (dw, dh) in new[] { ((w * 2 / 3) + 1, (h * 3 / 2) + 1), ((w * 5 / 2) + 1, Math.Max(1, h / 2)) })
                    {
                        var fast = new float[dw * dh * c];
                        var slow = new float[dw * dh * c];
                        Resize.Bilinear(src, w, h, c, fast, dw, dh);
                        Resize.BilinearScalar(src, w, h, c, slow, dw, dh);
                        Assert.True(TestImages.MaxAbsDiff(fast, slow) <= ResizeTolerance, $"{w}x{h}x{c} → {dw}x{dh}");
                    }
                }
            }
        }
    }

    [Fact]
    public void WarpMatchesScalarExactlyAtEveryWidth()
    {
        var hom = new Homography(0.93, 0.08, 1.7, -0.05, 1.04, -0.6, 0.0009, -0.0012, 1);
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var src = TestImages.RandomFloats(w * h, w * h);
                var fast = new float[w * h];
                var slow = new float[w * h];
                var mf = new byte[w * h];
                var ms = new byte[w * h];
                PerspectiveWarp.Warp(src, w, h, fast, w, h, hom, -1f, mf);
                PerspectiveWarp.WarpScalar(src, w, h, slow, w, h, hom, -1f, ms);
                Assert.True(fast.AsSpan().SequenceEqual(slow), $"{w}x{h}");
                Assert.True(mf.AsSpan().SequenceEqual(ms), $"{w}x{h} mask");
            }
        }
    }
}
