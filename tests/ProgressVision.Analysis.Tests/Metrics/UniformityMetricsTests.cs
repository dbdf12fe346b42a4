using ProgressVision.Analysis.Metrics;
using static ProgressVision.Analysis.Tests.Metrics.MetricsTestData;

namespace ProgressVision.Analysis.Tests.Metrics;

public sealed class UniformityMetricsTests
{
    [Fact]
    public void Nearest_neighbour_cv_of_four_points_matches_hand_computation()
    {
        // NN distances by hand: (0,0)→(3,0) 3; (3,0)→(0,0) 3; (0,4)→(0,0) 4; (10,10)→(0,4) √136.
        var pts = new List<(double, double)> { (0, 0), (3, 0), (0, 4), (10, 10) };
        var nn = UniformityMetrics.NearestNeighbourDistances(pts);
        Assert.Equal([3, 3, 4, Math.Sqrt(136)], nn, (a, b) => Math.Abs(a - b) < 1e-12);

        // mean 5.415475, population variance 13.172608 (SD 3.629409) → CV 0.670192.
        Assert.Equal(0.670192, UniformityMetrics.Cv(nn), 5);
    }

    [Fact]
    public void Cv_is_zero_for_fewer_than_two_values_and_for_identical_values()
    {
        Assert.Equal(0, UniformityMetrics.Cv([]));
        Assert.Equal(0, UniformityMetrics.Cv([5.0]));
        Assert.Equal(0, UniformityMetrics.Cv([2.0, 2.0, 2.0]));
        Assert.Empty(UniformityMetrics.NearestNeighbourDistances([(1, 1)]));
    }

    [Fact]
    public void Clark_Evans_of_a_square_lattice_uses_Donnelly_edge_correction()
    {
        // 10×10 lattice, spacing 10, in a 100×100 px region: mean NN 10, A 10000, P 400 (crack length), n 100.
        // Expected NN = 0.5·√(10000/100) + (0.0514 + 0.041/10)·400/100 = 5 + 0.222 = 5.222 → R = 1.914975.
        var area = Rect(100, 100);
        var dots = Enumerable.Range(0, 100).Select(i => Dot(5 + (10 * (i % 10)), 5 + (10 * (i / 10)))).ToList();
        Assert.Equal(400, area.PerimeterPx());
        var u = UniformityMetrics.Measure(dots, area, localCellPx: 50);
        Assert.Equal(10 / 5.222, u.ClarkEvansR, 6);
        Assert.Equal(0, u.NnCv, 12);
        Assert.Equal(0, u.SizeCv, 12);

        // Four 50×50 cells, 25 dots each: equal densities.
        Assert.Equal(0, u.LocalDensityCv, 12);
    }

    [Fact]
    public void Perimeter_counts_edges_to_outside_and_to_the_border()
    {
        // An L of three pixels at (1,1), (2,1), (1,2) in a 4×4 image: 8 crack edges.
        var area = Rect(4, 4, (x, y) => (x, y) is (1, 1) or (2, 1) or (1, 2));
        Assert.Equal(8, area.PerimeterPx());

        // A full 3×2 image: every outer edge borders the image edge.
        Assert.Equal(10, Rect(3, 2).PerimeterPx());
    }

    [Fact]
    public void Local_density_cv_skips_cells_below_half_fill()
    {
        // 24×10 px, cells of 10: cell 0 and 1 full (100 px), cell 2 has 4×10 = 40 px < 50 → left out.
        var area = Rect(24, 10);
        var dots = new[] { Dot(1, 1), Dot(4, 4), Dot(8, 8), Dot(15, 5), Dot(22, 5), Dot(23, 2) };

        // Densities 3/100 and 1/100: mean 0.02, population SD 0.01 → CV 0.5.
        var (cv, cells) = UniformityMetrics.LocalDensityCv(dots, area, 10);
        Assert.Equal(2, cells);
        Assert.Equal(0.5, cv, 12);
    }

    [Fact]
    public void Dot_counts_when_its_rounded_centre_is_inside()
    {
        var area = Rect(10, 10, (x, _) => x < 5);

        // 4.5 rounds half away from zero to 5 (outside); 4.49 rounds to 4 (inside).
        Assert.False(area.Counts(Dot(4.5, 3)));
        Assert.True(area.Counts(Dot(4.49, 3)));
        Assert.False(area.Counts(Dot(-0.6, 3)));
    }

    [Fact]
    public void Nearest_neighbour_search_agrees_with_brute_force()
    {
        var rng = new Random(5);
        var pts = Enumerable.Range(0, 400).Select(_ => (rng.NextDouble() * 300, rng.NextDouble() * 100)).ToList();
        pts.AddRange([(1000.0, 1000.0), (1000.0, 1001.5)]);
        var nn = UniformityMetrics.NearestNeighbourDistances(pts);
        for (int i = 0; i < pts.Count; i++)
        {
            double best = double.MaxValue;
            for (int j = 0; j < pts.Count; j++)
            {
                if (j != i)
                {
                    best = Math.Min(best, Math.Sqrt(Math.Pow(pts[i].Item1 - pts[j].Item1, 2) + Math.Pow(pts[i].Item2 - pts[j].Item2, 2)));
                }
            }

            Assert.Equal(best, nn[i], 9);
        }
    }
}
