using ProgressVision.Analysis.Metrics;
using static ProgressVision.Analysis.Tests.Metrics.MetricsTestData;

namespace ProgressVision.Analysis.Tests.Metrics;

public sealed class CoverageMetricsTests
{
    [Fact]
    public void Coverage_of_one_disc_is_its_area_over_the_region()
    {
        var area = Rect(40, 40);

        // π·5² = 78.54 px² of 1600; 4×4 supersampling of a r = 5 disc errs by well under 2 px².
        double c = CoverageMetrics.Coverage([Dot(20, 20, 5)], area);
        Assert.InRange(c, (Math.PI * 25 - 2) / 1600, (Math.PI * 25 + 2) / 1600);
    }

    [Fact]
    public void Coverage_takes_the_union_of_overlapping_dots_and_clips_to_the_region()
    {
        var area = Rect(40, 40);
        double one = CoverageMetrics.Coverage([Dot(20, 20, 5)], area);
        Assert.Equal(one, CoverageMetrics.Coverage([Dot(20, 20, 5), Dot(20, 20, 5)], area), 12);

        // Region = left half (x ≤ 19): the disc centred on x = 19.5 is cut through its middle, and
        // the dot whose centre is outside still covers the region.
        var left = Rect(40, 40, (x, _) => x < 20);
        double half = CoverageMetrics.Coverage([Dot(19.5, 20, 5)], left);
        Assert.InRange(half * 800, (Math.PI * 12.5) - 1.5, (Math.PI * 12.5) + 1.5);
    }

    [Fact]
    public void Density_per_area_and_per_cm2()
    {
        var area = Rect(50, 40);
        Assert.Equal(2.5, CoverageMetrics.DensityPer1000Px2(5, area), 12);

        // 2000 px at 0.05 mm/px = 5 mm² = 0.05 cm² → 5 dots = 100 per cm².
        Assert.Equal(100, CoverageMetrics.DensityPerCm2(5, area, 0.05), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => CoverageMetrics.DensityPerCm2(5, area, 0));
    }

    [Fact]
    public void Heatmap_holds_density_per_cell_and_nan_where_the_region_is_thin()
    {
        var area = Rect(30, 10, (x, _) => x < 22);
        var dots = new[] { Dot(2, 2), Dot(5, 5), Dot(15, 5), Dot(21, 5) };
        var map = DensityHeatmap.Build(dots, area, 10);
        Assert.Equal(3, map.Cols);
        Assert.Equal(1, map.Rows);
        Assert.Equal(20, map[0, 0], 12);   // 2 dots / 100 px × 1000
        Assert.Equal(10, map[1, 0], 12);   // 1 dot / 100 px
        Assert.True(double.IsNaN(map[2, 0])); // 20 px < 25% of 100
    }

    [Fact]
    public void Gap_finder_outlines_a_hole_in_a_lattice_and_nothing_else()
    {
        var area = Rect(200, 200);
        var dots = Lattice(200).Where(d => Math.Sqrt(((d.X - 100) * (d.X - 100)) + ((d.Y - 100) * (d.Y - 100))) > 30).ToList();

        // Lattice holes have empty discs of radius ≤ 7.1 px; the removed disc leaves one of ≈ 30–37 px.
        var gaps = GapFinder.Find(dots, area, minDiameterPx: 25, mmPerPx: 0.1);
        var gap = Assert.Single(gaps);
        Assert.InRange(gap.AreaPx, Math.PI * 28 * 28, Math.PI * 40 * 40);
        Assert.Equal(gap.AreaPx * 0.01, gap.AreaMm2!.Value, 9);

        // Widest point: the hole's centre (100, 100), whose nearest remaining dots, e.g. (65, 95) and (75, 75), lie
        // √(35² + 5²) = √(25² + 25²) = √1250 px away (dots within 30 px were removed, the next lattice ring is there).
        Assert.Equal(2 * Math.Sqrt(1250), gap.InscribedDiameterPx!.Value, 6);
        Assert.Equal(0.2 * Math.Sqrt(1250), gap.InscribedDiameterMm!.Value, 6);
        Assert.False(gap.RunsOffFrame, "a hole 60 px from every edge does not reach the frame");
        int n = gap.Polygon.Length / 2;
        Assert.True(n >= 8, $"polygon of {n} vertices");
        double cx = 0, cy = 0, shoelace = 0;
        for (int i = 0; i < n; i++)
        {
            cx += gap.Polygon[2 * i] / n;
            cy += gap.Polygon[(2 * i) + 1] / n;
            int j = (i + 1) % n;
            shoelace += (gap.Polygon[2 * i] * gap.Polygon[(2 * j) + 1]) - (gap.Polygon[2 * j] * gap.Polygon[(2 * i) + 1]);
        }

        Assert.InRange(cx, 95, 105);
        Assert.InRange(cy, 95, 105);

        // The outline runs through boundary cell centres, so it encloses a little less than the cells.
        Assert.InRange(Math.Abs(shoelace) / 2, 0.75 * gap.AreaPx, gap.AreaPx);
        Assert.Empty(GapFinder.Find(dots.Where(d => Math.Abs(d.X - 100) + Math.Abs(d.Y - 100) > 0).ToList(), area, minDiameterPx: 90));
    }

    [Fact]
    public void Gap_finder_opens_no_gap_where_only_the_frame_hides_the_dots()
    {
        // A lattice of spacing 10 whose last row (y = 195) the photo lost along its bottom edge: from the row above,
        // the nearest dot of an edge pixel is 14 px away, more than the 12.5 px minimum radius, but every such disc
        // reaches past the frame, where dots may well be. No gap. A hole of radius 30 centred on that edge row, the
        // frame cutting its lower part, is in the photo and stays a gap.
        var area = Rect(200, 200);
        var lattice = Lattice(190);

        Assert.Empty(GapFinder.Find(lattice, area, minDiameterPx: 25));
        var holed = lattice.Where(d => Math.Sqrt(((d.X - 100) * (d.X - 100)) + ((d.Y - 195) * (d.Y - 195))) > 30).ToList();
        var gap = Assert.Single(GapFinder.Find(holed, area, minDiameterPx: 25));
        double cy = Enumerable.Range(0, gap.Polygon.Length / 2).Average(i => gap.Polygon[(2 * i) + 1]);
        Assert.InRange(cy, 160, 200);
        Assert.True(gap.RunsOffFrame, "the hole is cut by the bottom edge");
    }

    // Dots of spacing 10 at (5, 5), (15, 5), … across a 200-px-wide photo, rows while y < height.
    private static List<ProgressVision.Analysis.Dots.PigmentDot> Lattice(int height)
    {
        var dots = new List<ProgressVision.Analysis.Dots.PigmentDot>();
        for (int y = 5; y < height; y += 10)
        {
            for (int x = 5; x < 200; x += 10)
            {
                dots.Add(Dot(x, y));
            }
        }

        return dots;
    }
}
