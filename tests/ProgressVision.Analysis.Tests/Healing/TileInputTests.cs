using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>Cutting a tile with its context: every value checked against the plane it came from, zeros off the plane.</summary>
public sealed class TileInputTests
{
    [Theory]
    [InlineData(0, 0, 12)] // top-left corner: 12 rows and columns of zeros before the plane
    [InlineData(32, 64, 12)] // inside
    [InlineData(96, 32, 12)] // the far edges: context runs off the right and bottom
    [InlineData(32, 32, 0)] // no context: the tile alone
    [InlineData(-50, 0, 12)] // mostly off the plane to the left
    public void Each_value_is_the_plane_pixel_it_covers_or_zero_off_the_plane(int x0, int y0, int context)
    {
        const int w = 160, h = 128;
        // A value that names its place: channel, row and column can be read back from it.
        var planes = new float[HealingTileLayout.Channels * h * w];
        for (int c = 0; c < HealingTileLayout.Channels; c++)
        {
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    planes[(((c * h) + y) * w) + x] = Value(c, x, y);
                }
            }
        }

        int s = HealingTileLayout.InputSize(context);
        var input = new float[HealingTileLayout.InputFloats(context)];
        input.AsSpan().Fill(float.NaN); // stale contents must not survive
        TileInput.Cut(planes, h, w, x0, y0, context, input);
        for (int c = 0; c < HealingTileLayout.Channels; c++)
        {
            for (int y = 0; y < s; y++)
            {
                for (int x = 0; x < s; x++)
                {
                    int px = x0 - context + x, py = y0 - context + y;
                    float expected = px >= 0 && px < w && py >= 0 && py < h ? Value(c, px, py) : 0f;
                    Assert.Equal(expected, input[(((c * s) + y) * s) + x]);
                }
            }
        }
    }

    [Fact]
    public void A_short_destination_is_refused()
    {
        var planes = new float[HealingTileLayout.Channels * 64 * 64];
        var ex = Assert.Throws<ArgumentException>(() => TileInput.Cut(planes, 64, 64, 0, 0, 12, new float[HealingTileLayout.InputFloats(0)]));
        Assert.Contains("12 px of context", ex.Message);
    }

    private static float Value(int c, int x, int y) => 1 + (c * 100_000) + (y * 1000) + x;
}
