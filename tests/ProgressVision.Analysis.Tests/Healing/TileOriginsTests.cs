using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// Where the healing model looks: the tile grid over a 1000×750 photo (a 500×375 plane after the ×2 downscale), whose
/// 64-px tiles on a 32-px grid stop at plane x 480 and y 352. Counted by hand: 14 grid columns (0…416) and 10 rows
/// (0…288), plus with the far-edge tiles a column at 436 and a row at 311.
/// </summary>
public class TileOriginsTests
{
    [Fact]
    public void The_grid_alone_leaves_the_far_strips_unseen_and_the_edge_tiles_cover_every_pixel()
    {
        var (plane, grid, reaching) = Origins(1000, 750);
        Assert.Equal((500, 375), plane);
        Assert.Equal(14 * 10, grid.Count);
        Assert.Equal((416, 288), (grid.Max(o => o.X), grid.Max(o => o.Y)));
        Assert.False(Covered(grid, 499, 374));

        Assert.Equal(15 * 11, reaching.Count);
        Assert.Contains((436, 311), reaching);
        Assert.Equal(grid, reaching.Where(o => o.X % 32 == 0 && o.Y % 32 == 0));
        for (int y = 0; y < 375; y++)
        {
            for (int x = 0; x < 500; x++)
            {
                Assert.True(Covered(reaching, x, y), $"plane pixel ({x}, {y}) is in no tile");
            }
        }
    }

    [Fact]
    public void A_plane_the_grid_fits_exactly_gets_no_extra_tiles()
    {
        // 256 plane px = 0…192 on the 32-px grid, the last tile ending exactly at the edge.
        var (_, grid, reaching) = Origins(512, 512);
        Assert.Equal(grid, reaching);
        Assert.Equal(7 * 7, grid.Count);
    }

    // The tile origins of a fully valid photo of the given size, on the 32-px grid alone and reaching the far edges.
    private static ((int W, int H) Plane, List<(int X, int Y)> Grid, List<(int X, int Y)> Reaching) Origins(int width, int height)
    {
        using var photo = new PixelBuffer<byte>(width, height, 3);
        using var valid = new PixelBuffer<byte>(width, height, 1);
        valid.Span.Fill(1);
        using var sampler = new HealingTileSampler(photo, photo, valid);
        return ((sampler.Width, sampler.Height), sampler.TileOrigins(32), sampler.TileOrigins(32, reachFarEdges: true));
    }

    private static bool Covered(List<(int X, int Y)> origins, int x, int y) =>
        origins.Any(o => x >= o.X && x < o.X + HealingTileLayout.TileSize && y >= o.Y && y < o.Y + HealingTileLayout.TileSize);
}
