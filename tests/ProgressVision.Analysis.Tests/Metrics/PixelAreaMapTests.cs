using ProgressVision.Analysis.Metrics;
using static ProgressVision.Analysis.Tests.Metrics.MetricsTestData;

namespace ProgressVision.Analysis.Tests.Metrics;

public sealed class PixelAreaMapTests
{
    [Fact]
    public void Similarity_mapping_scales_every_pixel_by_the_square_of_its_zoom()
    {
        // (x, y) → 1.5·R(30°)·(x, y) + t: areal scale 2.25 everywhere; at 0.04 mm/px each pixel is 2.25·0.0016 mm².
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        var map = PixelAreaMap.FromMapping((x, y) => ((1.5 * ((c * x) - (s * y))) + 7, (1.5 * ((s * x) + (c * y))) - 3), 0.04, 50, 40);
        Assert.Equal(2.25 * 0.0016, map.PixelAreaMm2(0, 0), 12);
        Assert.Equal(2.25 * 0.0016, map.PixelAreaMm2(49, 39), 12);
        Assert.Equal(0.06, map.MmPerPxAt(25, 20), 12);
        Assert.Equal(2000 * 2.25 * 0.0016, map.AreaMm2(Rect(50, 40)), 9);
    }

    [Fact]
    public void Perspective_mapping_gives_the_local_jacobian_of_the_homography()
    {
        // X = x / w, Y = y / w with w = 1 + 0.001·x: det J = 1 / w³ (hand-derived: ∂X/∂x = 1/w², ∂Y/∂y = 1/w,
        // ∂X/∂y = 0), so the footprint shrinks to the right. Central differences over ±8 px err by < 1e-4 relative.
        var map = PixelAreaMap.FromMapping((x, y) => (x / (1 + (0.001 * x)), y / (1 + (0.001 * x))), 0.05, 400, 64);
        foreach (int cx in new[] { 0, 10, 24 })
        {
            double x = (cx * 16) + 7.5, w = 1 + (0.001 * x);
            double expected = 0.0025 / (w * w * w);
            Assert.InRange(map.PixelAreaMm2(cx * 16, 0), expected * (1 - 1e-4), expected * (1 + 1e-4));
        }

        Assert.True(map.PixelAreaMm2(0, 0) > 1.7 * map.PixelAreaMm2(399, 63));
    }

    [Fact]
    public void Area_of_a_measured_area_of_another_size_is_refused()
    {
        var map = PixelAreaMap.FromMapping((x, y) => (x, y), 0.05, 50, 40);
        Assert.Throws<ArgumentException>(() => map.AreaMm2(Rect(40, 40)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PixelAreaMap.FromMapping((x, y) => (x, y), 0, 50, 40));
    }
}
