using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Registration;
using ProgressVision.Analysis.Tests.Registration;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Tests.Compare;

public sealed class ReportedMappingTests
{
    // An analytic AFTER→BEFORE mapping a homography cannot express: a similarity plus a bend of up to
    // 6 px that grows with distance from the centre (head curvature seen obliquely).
    private static readonly Homography H = new(0.98, -0.05, 14, 0.05, 0.98, -9, 0, 0, 1);

    private static (double X, double Y) Truth(double x, double y)
    {
        var (hx, hy) = H.Map(x, y);
        double u = (x - 200) / 200, v = (y - 150) / 150;
        return (hx + (6 * u * u), hy + (4 * u * v));
    }

    private static AlignmentReport ReportOf(Func<double, double, (double X, double Y)> map, int step, int cols, int rows, Func<double, double, bool>? defined = null)
    {
        var xs = new double?[cols * rows];
        var ys = new double?[cols * rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                if (defined is null || defined(c * step, r * step))
                {
                    var (x, y) = map(c * step, r * step);
                    xs[(r * cols) + c] = x;
                    ys[(r * cols) + c] = y;
                }
            }
        }

        return new AlignmentReport { Homography = H.ToArray(), Inliers = 50, ResidualPx = 0.5, WarpGrid = new WarpGrid(step, cols, rows, xs, ys) };
    }

    [Fact]
    public void Grid_mapping_follows_the_bend_the_homography_misses_and_inverts_it()
    {
        // 400×300 AFTER, nodes every 10 px (41×31). The bend's second derivative is 6·2/200² per px², so
        // bilinear interpolation between nodes errs by at most 6/200²·(10/2)² ≈ 0.004 px.
        var mapping = ReportedMapping.From(ReportOf(Truth, 10, 41, 31));
        Assert.True(mapping.HasWarpGrid);
        double worstGrid = 0, worstHomography = 0, worstInverse = 0;
        var rng = new Random(11);
        for (int k = 0; k < 2000; k++)
        {
            double x = rng.NextDouble() * 399, y = rng.NextDouble() * 299;
            var t = Truth(x, y);
            var m = mapping.AfterToBefore(x, y);
            var h = H.Map(x, y);
            worstGrid = Math.Max(worstGrid, Math.Max(Math.Abs(m.X - t.X), Math.Abs(m.Y - t.Y)));
            worstHomography = Math.Max(worstHomography, Math.Max(Math.Abs(h.X - t.X), Math.Abs(h.Y - t.Y)));
            var back = mapping.BeforeToAfter(t.X, t.Y);
            worstInverse = Math.Max(worstInverse, Math.Max(Math.Abs(back.X - x), Math.Abs(back.Y - y)));
        }

        Assert.True(worstGrid < 0.02, $"grid mapping off the truth by {worstGrid:0.000} px");
        Assert.True(worstHomography > 4, $"the bend should be visible to the homography alone ({worstHomography:0.00} px)");
        Assert.True(worstInverse < 0.02, $"inverse off by {worstInverse:0.000} px");
    }

    [Fact]
    public void Undefined_nodes_fall_back_on_their_defined_neighbours_and_then_the_homography()
    {
        // The right third of the grid is undefined (outside BEFORE in a real result).
        var mapping = ReportedMapping.From(ReportOf(Truth, 10, 41, 31, (x, _) => x <= 260));

        // Between defined nodes: the bend.
        var t = Truth(125, 75);
        var m = mapping.AfterToBefore(125, 75);
        Assert.True(Math.Abs(t.X - m.X) < 0.01 && Math.Abs(t.Y - m.Y) < 0.01, $"({m.X:0.000}, {m.Y:0.000}) vs truth ({t.X:0.000}, {t.Y:0.000})");

        // Far from any defined node: the homography exactly.
        var h = H.Map(350, 200);
        var far = mapping.AfterToBefore(350, 200);
        Assert.True(Math.Abs(h.X - far.X) < 1e-9 && Math.Abs(h.Y - far.Y) < 1e-9, $"({far.X}, {far.Y}) vs homography ({h.X}, {h.Y})");
    }

    [Fact]
    public void Malformed_alignment_sections_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ReportedMapping.From(new AlignmentReport { Homography = [1, 0, 0, 0, 1, 0, 0, 0], Inliers = 0, ResidualPx = 0 }));
        Assert.Throws<ArgumentException>(() => ReportedMapping.From(new AlignmentReport { Homography = [0, 0, 0, 0, 0, 0, 0, 0, 1], Inliers = 0, ResidualPx = 0 }));
        Assert.Throws<ArgumentException>(() => ReportedMapping.From(new AlignmentReport
        {
            Homography = H.ToArray(), Inliers = 0, ResidualPx = 0, WarpGrid = new WarpGrid(10, 3, 3, new double?[8], new double?[9]),
        }));
    }

    [Fact]
    public void A_live_alignment_and_its_report_map_the_same_way()
    {
        // The result contract round trip: what compare writes (homography + warp grid) must give back the
        // mapping the analysis used, on a curved pair where the non-rigid correction is estimated.
        using var pair = SyntheticScalpPair.Create(new PairSpec { Curvature = 4e-8, RotationDeg = 12, ShiftX = 40 }, 8004);
        var alignment = new ScalpRegistration().Align(pair.Before, pair.After);
        Assert.NotNull(alignment.Field);
        var mapping = ReportedMapping.From(alignment.ToReport());
        var inverse = alignment.BeforeToAfter();
        double worst = 0, worstInverse = 0;
        var rng = new Random(5);
        int n = 0;
        while (n < 500)
        {
            double x = rng.NextDouble() * (pair.After.Width - 1), y = rng.NextDouble() * (pair.After.Height - 1);
            var live = alignment.MapAfterToBefore(x, y);
            if (live.X < 30 || live.Y < 30 || live.X > pair.Before.Width - 31 || live.Y > pair.Before.Height - 31)
            {
                continue; // near BEFORE's edge the written grid has null nodes
            }

            n++;
            var m = mapping.AfterToBefore(x, y);
            worst = Math.Max(worst, Math.Max(Math.Abs(m.X - live.X), Math.Abs(m.Y - live.Y)));
            var a = inverse(live.X, live.Y);
            var b = mapping.BeforeToAfter(live.X, live.Y);
            worstInverse = Math.Max(worstInverse, Math.Max(Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y)));
        }

        Assert.True(worst < 0.05, $"report mapping differs from the live alignment by {worst:0.000} px");
        Assert.True(worstInverse < 0.05, $"report inverse differs from the live inverse by {worstInverse:0.000} px");
    }
}
