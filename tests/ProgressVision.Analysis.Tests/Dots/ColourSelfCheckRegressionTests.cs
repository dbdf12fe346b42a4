using ProgressVision.Analysis.Dots;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Rendering;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Dots;

/// <summary>
/// Regression: Synth hard-7011 BEFORE (very dark skin, 1.48 px blur, grey hair over the top-left corner, raw
/// render). Dark gaps between the grey hairs pass as small surely-ink blobs whose skin ring holds hair, so
/// they read skin-coloured; counting them (19 of 273) the colour self-check refused colour, and the strict
/// floors alone found 73% of the dots (count −24%). The self-check now leaves out rings whose colour spread
/// is beyond the photo's typical spread and sets contradictions against those colour noise explains.
/// </summary>
public sealed class ColourSelfCheckRegressionTests(ITestOutputHelper output)
{
    [Fact]
    public void Grey_hair_over_very_dark_skin_does_not_refuse_colour()
    {
        var c = SynthCase.Generate(7011, SynthPreset.Hard, 1200, 900);
        using var photo = SynthRenderer.Render(c.Scene, c.BeforeSession, c.BeforePose, c.BeforeConditions);
        var detector = new DotDetector(DotDetectionOptions.ForMmPerPx(photo.Truth.MmPerPx));
        var dots = detector.Detect(photo.Rgb);
        var (p, r, f1, truth, found) = SynthDotScoring.Score(photo, dots);
        var (sure, contradicted) = detector.LastColourCheck;
        output.WriteLine($"{c.Name} BEFORE: colour used {detector.LastUsedColour}, self-check {contradicted} of {sure} read skin-coloured (noise explains {detector.LastColourExpected:F1}); P={p:F3} R={r:F3} F1={f1:F3} n={found}/{truth}");
        Assert.True(detector.LastUsedColour, "colour refused");
        Assert.True(r >= 0.85 && p >= 0.95, $"P={p:F3} R={r:F3}");
    }
}
