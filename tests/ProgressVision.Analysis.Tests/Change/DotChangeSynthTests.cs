using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Tests.Compare;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Analysis.Tests.Change;

/// <summary>The dot change of the compare pipeline against the dot fates Synth rendered.</summary>
public class DotChangeSynthTests
{
    [Fact]
    public void Unchanged_dots_on_dark_noisy_skin_are_not_counted_faded_or_lost()
    {
        // Synth hard-93035 (a calibration pair; very dark skin, noise, sheen; AFTER put on BEFORE through the true
        // mapping): no dot changed between the sessions, yet the AFTER detector misses about 200 of its ≈ 1370 dots,
        // which all counted as lost: 17% faded or lost (16% against the local transfer), over the 15% limit. Looked for
        // in the AFTER photo, half of them show the contrast of a retained dot: 8.9% (21 faded, 101 lost). The other
        // half lie under the AFTER photo's sheen, which cuts their contrast to a third (0.01–0.16 against 0.3 before):
        // as far as the photo shows, that ink did fade. Asserted: under 12%, well inside the limit (truth 0).
        using var pair = SynthCase.Generate(93_035, SynthPreset.Hard, 1000, 750).Render();
        var truth = pair.Truth.Pair.Change;
        Assert.Equal(0, truth.Faded + truth.Lost);
        Assert.True(truth.Retained > 1000, $"{truth.Retained} retained dots");

        var t = pair.Truth;
        var before = pair.Before.Rgb;
        var after = pair.After.Rgb;
        var options = new PairAnalysisOptions
        {
            MmPerPx = t.Before.MmPerPx,
            KnownAlignment = SynthPairInput.TrueAlignment(pair),
        };
        using var analysis = new PairAnalyzer(options).AnalyzeDetailed(SynthPairInput.Loaded(before, "before"), SynthPairInput.Loaded(after, "after"));
        var c = analysis.Result.Change!;
        int earlier = c.Retained + c.Faded + c.Lost;
        double share = (c.Faded + c.Lost) / (double)earlier;
        Assert.True(earlier > 1000, $"{earlier} earlier dots judged");
        Assert.True(share < 0.12, $"{c.Faded} faded and {c.Lost} lost of {earlier} ({share:P1}); the truth has none");
    }

    [Fact]
    public void Dots_the_after_detector_missed_but_the_probe_found_count_as_after_dots()
    {
        // The same pair: ≈ 200 AFTER dots the detector misses, about half of which the probe finds at their BEFORE
        // dot's mapped place with its contrast. They are AFTER dots (counted in its measures, RecoveredDots), and each
        // must lie on a dot the renderer put in the AFTER photo (independent truth: Synth's image dots).
        using var pair = SynthCase.Generate(93_035, SynthPreset.Hard, 1000, 750).Render();
        var t = pair.Truth;
        var options = new PairAnalysisOptions { MmPerPx = t.Before.MmPerPx, KnownAlignment = SynthPairInput.TrueAlignment(pair) };
        using var analysis = new PairAnalyzer(options).AnalyzeDetailed(SynthPairInput.Loaded(pair.Before.Rgb, "before"), SynthPairInput.Loaded(pair.After.Rgb, "after"));
        var after = analysis.Result.After;
        var detected = analysis.AfterMeasurement.Metrics;
        Assert.True(after.RecoveredDots >= 40, $"{after.RecoveredDots} dots recovered");
        Assert.Equal(detected.DotCount + after.RecoveredDots, after.DotCount);
        Assert.True(after.Coverage > detected.Coverage, $"coverage {after.Coverage:P2} with the recovered dots, {detected.Coverage:P2} without");
        Assert.Equal(0, analysis.Result.Before.RecoveredDots);

        var truthDots = t.After.Dots;
        // The probe's finds, told apart from the detector's dots independently of how the pipeline marks them.
        var detectedSet = analysis.AfterMeasurement.Dots.ToHashSet();
        var recovered = analysis.Change.Entries.Where(e => e.After is { } a && !detectedSet.Contains(a)).Select(e => e.After!.Value).ToList();
        Assert.Equal(recovered.Count, analysis.Change.Entries.Count(e => e.FoundByProbe));
        Assert.True(recovered.Count >= after.RecoveredDots, $"{recovered.Count} probe finds, {after.RecoveredDots} counted");
        int onTruth = recovered.Count(d => truthDots.Any(td => Math.Abs(td.X - d.X) < 3 && Math.Abs(td.Y - d.Y) < 3));
        Assert.True(onTruth >= 0.95 * recovered.Count, $"{onTruth} of {recovered.Count} recovered dots lie within 3 px of a rendered AFTER dot");
    }
}
