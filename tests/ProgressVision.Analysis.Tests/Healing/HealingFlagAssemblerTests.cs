using ProgressVision.Analysis.Healing;
using static ProgressVision.Analysis.Healing.HealingFlagAssembler;

namespace ProgressVision.Analysis.Tests.Healing;

public class HealingFlagAssemblerTests
{
    private static TileProbabilities T(int x, int y, float healthy, float red, float fade = 0, float blow = 0) => new(x, y, [healthy, red, fade, blow]);

    [Fact]
    public void Touching_tiles_form_one_flag_and_distant_ones_another()
    {
        // Stride 64 (downscaled px). Tiles at (0,0),(64,0),(64,64) touch; (320,320) is alone.
        var tiles = new[]
        {
            T(0, 0, 0.1f, 0.9f), T(64, 0, 0.3f, 0.7f), T(64, 64, 0.4f, 0.6f), T(128, 0, 0.9f, 0.1f),
            T(320, 320, 0.2f, 0.8f),
        };
        var flags = Assemble(tiles, 64, 0.5f, (_, _, _) => (new Dictionary<string, double> { ["x"] = 1 }, null));
        Assert.Equal(2, flags.Count);
        var big = flags.Single(f => f.Evidence["tiles"] == 3);
        // Union of tiles in downscaled px: x 0..128, y 0..128 → ×2 in BEFORE pixels.
        Assert.Equal(new double[] { 0, 0, 256, 256 }, big.Box);
        Assert.Equal(0.9, big.Score, 4);
        Assert.Equal((0.9 + 0.7 + 0.6) / 3, big.Evidence["meanProbability"], 3);
        var small = flags.Single(f => f.Evidence["tiles"] == 1);
        Assert.Equal(new double[] { 640, 640, 128, 128 }, small.Box);
        Assert.All(flags, f => Assert.Equal(HealingFlagTypes.Redness, f.Type));
    }

    [Fact]
    public void Below_threshold_gives_no_flag_and_classes_are_kept_apart()
    {
        var tiles = new[] { T(0, 0, 0.55f, 0.45f), T(64, 0, 0.1f, 0, 0.9f), T(128, 0, 0.1f, 0, 0, 0.9f) };
        var flags = Assemble(tiles, 64, 0.5f, (type, _, _) => (new Dictionary<string, double>(), type == HealingFlagTypes.Blowout ? "disagree" : null));
        Assert.Equal(2, flags.Count);
        Assert.Contains(flags, f => f.Type == HealingFlagTypes.PatchyFade && f.Box[0] == 128);
        Assert.Contains(flags, f => f.Type == HealingFlagTypes.Blowout && f.Note == "disagree");
    }
}
