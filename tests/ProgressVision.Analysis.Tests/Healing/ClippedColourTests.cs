using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// <see cref="ClippedColour"/>: the share of a photo whose colour the camera clipped, counted by hand on a drawn photo,
/// and the whole compare on a synthetic pair whose AFTER photo is over-exposed light skin (red channel at 255 over
/// most of it) with no redness in the renderer's truth.
/// </summary>
public class ClippedColourTests
{
    [Fact]
    public void Share_counts_valid_pixels_with_any_channel_at_the_clipping_level()
    {
        // 4×2 photo; the last column is outside the compared area. Of the 6 valid pixels, (0,0) clips red, (1,1) clips
        // blue at exactly the level, (2,0) sits one below it: 2 of 6.
        using var rgb = new PixelBuffer<byte>(4, 2, 3);
        rgb.Span.Fill(200);
        rgb[0, 0, 0] = 255;
        rgb[1, 1, 2] = ClippedColour.Level;
        rgb[2, 0, 1] = ClippedColour.Level - 1;
        rgb[3, 0, 0] = 255; // outside: not counted
        using var valid = new PixelBuffer<byte>(4, 2, 1);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                valid[x, y] = 1;
            }
        }

        Assert.Equal(2 / 6.0, ClippedColour.Share(rgb, valid), 12);
        valid.Span.Clear();
        Assert.Equal(0, ClippedColour.Share(rgb, valid));
    }

    [Fact]
    public void An_over_exposed_photo_gets_a_warning_and_no_redness_flag()
    {
        // mixed-99113 (a fresh held-out pair of 2026-11-22, since looked at): its AFTER photo, +0.56 EV on very light
        // skin, clips red over 92% of the frame; its truth holds a patchy fade and no redness. Before clipped colour was
        // left out, the pipeline flagged redness there twice (+4.4 and +3.9 a*).
        using var model = HealingModel.Load(HealingModelTests.CommittedModel());
        using var pair = SynthCase.Generate(99_113, SynthPreset.Mixed, 1000, 750).Render();
        Assert.DoesNotContain(pair.Truth.After.Healing, h => h.Kind == "redness");
        var result = RecommendationAgreementTests.Analyze(pair, model);
        Assert.DoesNotContain(result.Flags, f => f.Type == HealingFlagTypes.Redness);
        Assert.Contains(result.Warnings, w => w.StartsWith("AFTER photo over-exposed", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("BEFORE photo over-exposed", StringComparison.Ordinal));
    }
}
