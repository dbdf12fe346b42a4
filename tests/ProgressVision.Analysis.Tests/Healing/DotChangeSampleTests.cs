using ProgressVision.Analysis.Change;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// Regression: dot radius growth (the blowout evidence) compared AFTER radii in AFTER pixels with BEFORE radii in
/// BEFORE pixels, so an AFTER photo taken 1.3× closer made every dot look 30% "grown" (on training pair
/// healing-1000004 all 403 healthy dots) and one taken further away hid real blowout. Values hand-computed.
/// </summary>
public class DotChangeSampleTests
{
    [Fact]
    public void Radius_growth_is_measured_in_BEFORE_pixels()
    {
        // AFTER is BEFORE magnified 1.3×: AFTER (x, y) = 1.3 · BEFORE (x, y). The first dot kept its size
        // (AFTER radius 2 × 1.3 = 2.6 px), the second spread 1.5× (3 × 1.5 × 1.3 = 5.85 px), the third was lost.
        static (double X, double Y) AfterToBefore(double x, double y) => (x / 1.3, y / 1.3);
        var b1 = new PigmentDot(100, 50, 2, 40, 1);
        var b2 = new PigmentDot(200, 80, 3, 40, 1);
        var b3 = new PigmentDot(300, 90, 2, 40, 1);
        DotChangeAnalysis.DotChangeEntry[] entries =
        [
            new(DotFate.Retained, b1, new PigmentDot(130, 65, 2.6, 40, 1), 100, 50),
            new(DotFate.Faded, b2, new PigmentDot(260, 104, 5.85, 10, 1), 200, 80),
            new(DotFate.Lost, b3, null, 300, 90),
            new(DotFate.New, null, new PigmentDot(50, 50, 2, 40, 1), 38.5, 38.5),
        ];

        var samples = DotChangeSample.From(entries, AfterToBefore);

        Assert.Equal(3, samples.Count);
        Assert.Equal(1.0, samples[0].RadiusRatio, 9);
        Assert.Equal(1.5, samples[1].RadiusRatio, 9);
        Assert.True(double.IsNaN(samples[2].RadiusRatio));
        Assert.Equal([false, true, true], samples.Select(s => s.Faded));
        Assert.Equal([1.0, 0.25, 0.0], samples.Select(s => s.ContrastRatio));
        // Ink (contrast × radius², radius in BEFORE pixels): the first 40 · 2² / (40 · 2²) = 1, the second
        // 10 · 4.5² / (40 · 3²) = 0.5625 (it spread 1.5× but lost three quarters of its contrast), the lost one NaN.
        Assert.Equal(1.0, samples[0].InkRatio, 9);
        Assert.Equal(0.5625, samples[1].InkRatio, 9);
        Assert.True(double.IsNaN(samples[2].InkRatio));
    }

    [Fact]
    public void Mapping_scale_is_the_root_of_the_Jacobian_determinant()
    {
        // Affine map with det [[2, 0.3], [-0.1, 1.5]] = 3.03: each source pixel spans √3.03 target pixels.
        Assert.Equal(Math.Sqrt(3.03), MappingScale.At((x, y) => ((2 * x) + (0.3 * y), (-0.1 * x) + (1.5 * y)), 17, 40), 9);
        // Perspective x' = x / w, y' = y / w with w = 1 + 0.001 x: at (100, 50) the Jacobian is
        // [[1/w², 0], [-0.001 y / w², 1/w]] with w = 1.1, det = 1/w³, so the scale is w^-1.5.
        Assert.Equal(Math.Pow(1.1, -1.5), MappingScale.At((x, y) => (x / (1 + (0.001 * x)), y / (1 + (0.001 * x))), 100, 50), 5);
    }
}
