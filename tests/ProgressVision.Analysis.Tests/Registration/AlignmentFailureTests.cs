using ProgressVision.Analysis.Registration;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Tests.Registration;

public sealed class AlignmentFailureTests
{
    [Fact]
    public void NonOverlappingAreasFail()
    {
        using var pair = SyntheticScalpPair.Create(new PairSpec { Elsewhere = true, RotationDeg = 5 }, 8001);
        var ex = Assert.Throws<AlignmentFailedException>(() => new ScalpRegistration().Align(pair.Before, pair.After));
        Assert.StartsWith("photos do not show the same area", ex.Message);
        Assert.Contains("inliers", ex.Message);
    }

    [Fact]
    public void PureNoiseFails()
    {
        using var pair = SyntheticScalpPair.Create(new PairSpec(), 8002);
        using var noise = new PixelBuffer<byte>(960, 720, 3);
        new Random(5).NextBytes(noise.Span);
        Assert.Throws<AlignmentFailedException>(() => new ScalpRegistration().Align(pair.Before, noise));
    }

    [Fact]
    public void SmoothGradientFails()
    {
        using var pair = SyntheticScalpPair.Create(new PairSpec(), 8003);
        using var ramp = new PixelBuffer<byte>(960, 720, 3);
        for (int y = 0; y < 720; y++)
        {
            var row = ramp.Row(y);
            for (int x = 0; x < 960 * 3; x++)
            {
                row[x] = (byte)((x / 3 / 4) + (y / 8));
            }
        }

        var ex = Assert.Throws<AlignmentFailedException>(() => new ScalpRegistration().Align(ramp, pair.After));
        Assert.StartsWith("photos do not show the same area", ex.Message);
    }

    [Fact]
    public void WarpGridAgreesWithMappingAndMarksOutsideAsNull()
    {
        using var pair = SyntheticScalpPair.Create(new PairSpec { Curvature = 4e-8, RotationDeg = 20, ShiftX = 120 }, 8004);
        var alignment = new ScalpRegistration().Align(pair.Before, pair.After);
        var grid = alignment.ToWarpGrid();
        Assert.NotNull(grid);
        Assert.Equal(grid.Cols * grid.Rows, grid.X.Length);
        Assert.True(grid.Cols * grid.Step >= pair.After.Width - 1 && grid.Rows * grid.Step >= pair.After.Height - 1);
        int nulls = 0;
        for (int r = 0; r < grid.Rows; r++)
        {
            for (int c = 0; c < grid.Cols; c++)
            {
                var gx = grid.X[(r * grid.Cols) + c];
                var (tx, ty) = pair.Truth(c * grid.Step, r * grid.Step);
                bool inside = tx >= 0 && ty >= 0 && tx <= pair.Before.Width - 1 && ty <= pair.Before.Height - 1;
                if (gx is null)
                {
                    nulls++;
                    continue;
                }

                // Defined nodes sit where the truth says, within the accuracy target.
                if (inside)
                {
                    Assert.True(Math.Abs(gx.Value - tx) < 1.5 && Math.Abs(grid.Y[(r * grid.Cols) + c]!.Value - ty) < 1.5, $"node ({c},{r}) grid ({gx.Value:0.00},{grid.Y[(r * grid.Cols) + c]!.Value:0.00}) truth ({tx:0.00},{ty:0.00}) homography-only {alignment.AfterToBefore.Map(c * grid.Step, r * grid.Step)}");
                }
            }
        }

        // Rotated and shifted by 120 px, part of AFTER is off BEFORE: those nodes are null.
        Assert.True(nulls > 0);
    }
}
