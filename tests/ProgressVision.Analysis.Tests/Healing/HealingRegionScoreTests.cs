using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Morphology;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// The scoring's judgeable-region rule on hand-drawn masks: a component counts when a 33×33 square fits inside it and
/// inside the frame; thinner components, including strips the frame edge cuts, are don't-care zones.
/// </summary>
public class HealingRegionScoreTests
{
    private const int W = 200, H = 150;

    [Theory]
    [InlineData(50, 50, 40, 40, true)] // a 40×40 patch inside: holds 33×33
    [InlineData(50, 50, 33, 33, true)] // exactly 33×33
    [InlineData(50, 50, 32, 60, false)] // one pixel too narrow, however long
    [InlineData(183, 20, 17, 100, false)] // a 17-px strip along the right edge (the frame cut the patch)
    [InlineData(160, 20, 40, 100, true)] // a 40-px strip along the right edge: 33 px fit inside the frame
    [InlineData(0, 0, 33, 33, true)] // a 33×33 patch in the corner touches two edges but fits
    [InlineData(0, 140, 120, 10, false)] // a 10-px band along the bottom edge
    public void A_region_is_judgeable_when_a_33_px_square_fits_inside_it_and_the_frame(int x, int y, int w, int h, bool expected)
    {
        using var mask = new PixelBuffer<byte>(W, H, 1);
        Fill(mask, x, y, w, h);
        var (labels, stats) = ConnectedComponents.LabelWithStats(mask);
        using (labels)
        {
            Assert.Single(stats);
            Assert.Equal(expected, HealingRegionScore.Judgeable(mask, labels, stats.Length)[0]);
        }
    }

    [Fact]
    public void Each_component_is_judged_on_its_own()
    {
        // Two components: a big patch and a thin strip beside it, not touching.
        using var mask = new PixelBuffer<byte>(W, H, 1);
        Fill(mask, 20, 20, 50, 50);
        Fill(mask, 100, 20, 10, 100);
        var (labels, stats) = ConnectedComponents.LabelWithStats(mask);
        using (labels)
        {
            var judgeable = HealingRegionScore.Judgeable(mask, labels, stats.Length);
            Assert.Equal(2, judgeable.Length);
            for (int i = 0; i < stats.Length; i++)
            {
                Assert.Equal(stats[i].Width == 50, judgeable[i]);
            }
        }
    }

    [Fact]
    public void Faint_redness_within_the_close_band_is_a_dont_care_zone_and_nothing_else_is()
    {
        // AFTER-pixel squares; the mapping to BEFORE shifts by (-10, +5), so the boxes must move with it.
        HealingTruth Square(double x, double y, double side, double rise, bool visible) =>
            new("redness", 0.3, [x, y, x + side, y, x + side, y + side, x, y + side]) { DeltaAStar = rise, Visible = visible };
        HealingTruth[] after =
        [
            Square(50, 30, 50, 1.7, visible: false), // faint, 0.3 under the line: don't care
            Square(20, 90, 30, 1.2, visible: false), // faint, 0.8 under the line: a flag there is a false alarm
            Square(120, 30, 40, 2.3, visible: true), // visible: a truth region (from the masks), not a zone
            Square(190, 100, 80, 1.9, visible: false), // in the band and cut by the frame: clipped to it
            new("patchyFade", 0.6, [0, 0, 40, 0, 40, 40, 0, 40]), // not redness
        ];
        var zones = HealingRegionScore.FaintCloseBandRedness(after, (x, y) => (x - 10, y + 5), W, H).ToList();
        Assert.Equal([new HealingRegionScore.Region(40, 35, 50, 50, 0), new HealingRegionScore.Region(180, 105, 20, 45, 0)], zones);

        // A redness flag over the first zone: a false alarm without the zones, neither hit nor false alarm with them.
        var none = Enumerable.Range(0, HealingFlagTypes.ModelClasses.Count).Select(_ => (IReadOnlyList<HealingRegionScore.Region>)[]).ToArray();
        var withZones = (IReadOnlyList<HealingRegionScore.Region>[])none.Clone();
        withZones[HealingFlagTypes.ClassIndex(HealingFlagTypes.Redness)] = zones;
        var flag = new HealingFlag(HealingFlagTypes.Redness, 0.95, [60, 50, 32, 32], new Dictionary<string, double>());
        int red = HealingFlagTypes.ClassIndex(HealingFlagTypes.Redness);
        Assert.Equal(1, HealingRegionScore.Score(new HealingRegionScore.Truth(none, none), [flag]).Fp[red]);
        Assert.Equal(0, HealingRegionScore.Score(new HealingRegionScore.Truth(none, withZones), [flag]).Fp[red]);
        Assert.Equal(0, HealingRegionScore.Score(new HealingRegionScore.Truth(none, withZones), [flag]).Tp[red]);
    }

    private static void Fill(PixelBuffer<byte> mask, int x0, int y0, int w, int h)
    {
        for (int y = y0; y < y0 + h; y++)
        {
            for (int x = x0; x < x0 + w; x++)
            {
                mask[x, y] = 255;
            }
        }
    }
}
