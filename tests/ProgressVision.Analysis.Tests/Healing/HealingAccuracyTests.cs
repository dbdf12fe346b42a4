using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Geometry;
using ProgressVision.Synth.Cases;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// The committed model on held-out synthetic cases (seeds 90000+, never used in training, which uses
/// seeds ≥ 1000000): flags are compared region by region with the renderer's healing truth.
/// The AFTER photo is put on BEFORE through the TRUE mapping so this measures the model and the flag
/// assembly; alignment has its own accuracy tests. Redness truth is visible redness: Synth labels a redness
/// region only when its rendered a* rise over the photo's healthy skin reaches 2 (fainter ones are healthy).
/// </summary>
public class HealingAccuracyTests(ITestOutputHelper output)
{
    private const ulong FirstSeed = 90_000;

    private const int CaseCount = 24;

    [Fact]
    public void Flags_match_the_truth_regions_and_clean_pairs_stay_clean()
    {
        using var model = HealingModel.Load(HealingModelTests.CommittedModel());
        // PV_HEALING_NO_FLOORS=1 (with calibration seeds) lets every proposal stand on the tile threshold alone, so the
        // floor sweep below shows the whole range from which HealingAnalyzer.DefaultMinScoreAlone is chosen.
        var analyzer = Environment.GetEnvironmentVariable("PV_HEALING_NO_FLOORS") is null
            ? new HealingAnalyzer(model)
            : new HealingAnalyzer(model) { MinScoreAlone = new Dictionary<string, double>() };
        var scores = new List<(HealingRegionScore.Counts Counts, HealingRegionScore.Counts AreaOnly, HealingRegionScore.Counts WithoutBand)>();
        var sweep = new ScoreFloorSweep();
        // PV_HEALING_SEEDS=93000,48 scores 48 calibration pairs instead (figures only; the asserts hold for the held-out seeds).
        var (first, count) = CalibrationSeeds.From("PV_HEALING_SEEDS") ?? (FirstSeed, CaseCount);
        for (ulong i = 0; i < (ulong)count; i++)
        {
            var preset = i % 2 == 0 ? SynthPreset.Healing : SynthPreset.Easy;
            scores.Add(Score(analyzer, model, first + i, preset, compareFullGrid: first == FirstSeed && i % 4 == 0, first == FirstSeed ? null : sweep));
        }

        // The earlier region rules, printed beside for comparison across the protocol changes (not asserted).
        HealingRegionScore.Summarise(scores.Select(s => s.AreaOnly).ToList(), output, "area-only rule, ");
        HealingRegionScore.Summarise(scores.Select(s => s.WithoutBand).ToList(), output, "no faint close-band zones, ");
        var (f1, clean, cleanFlagged) = HealingRegionScore.Summarise(scores.Select(s => s.Counts).ToList(), output, "");
        if (first != FirstSeed)
        {
            sweep.Print(output);
            return;
        }


        // Model 9229d63e (tiles with context, through its exact dense form) with the colour confirmation but no dot
        // measurement (fade and blowout stand on the model alone, from the calibrated HealingAnalyzer.MinScoreAlone),
        // full grid, judgeable truth regions, these 24 seeds: redness 6 TP 0 FP 0 FN (F1 1.000), patchy fade 6/0/1
        // (0.923), blowout 3/1/0 (0.857), 0 of 15 clean pairs flagged, as model 7e19b042 before it, whose history
        // follows. Healing-90018's patch in the bottom-left corner
        // ([0,642,64,108], rendered rise 4.2) is labelled only since the redness truth was corrected (2026-11-22;
        // before, 5/0/0 of 16 clean pairs) and found only since the tiles reach the far edges (before, 5/0/1). Before
        // the score floors and the window redness measure (both chosen on calibration seeds 93000–93191, never on
        // these): 1.000, 1.000 (7/0/0), 0.667 (3/3/0), 1 of 16. The floors removed two of the three lone-tile blowout
        // false alarms (easy-90017's 0.71, healing-90000's 0.64; healing-90000's 0.91 stays) and cost one true fade
        // tile (healing-90012, 0.92 under the fade floor). With the opt-in coarse-to-fine pass (before the floors) it
        // was 0.909, 0.833, 0.500: that pass is why the full grid is the default. With 15 clean pairs one flagged pair
        // is 7%: the rates are estimated on 192 pairs in docs/HEALING_ACCURACY.md. Asserted at the issue's targets: F1
        // ≥ 0.9 redness and fade, ≥ 0.8 blowout, ≥ 95% of clean pairs unflagged (here none of 15 may be).
        Assert.True(f1[1] >= 0.9, $"redness F1 {f1[1]:0.000} < 0.9");
        Assert.True(f1[2] >= 0.9, $"patchy-fade F1 {f1[2]:0.000} < 0.9");
        Assert.True(f1[3] >= 0.8, $"blowout F1 {f1[3]:0.000} < 0.8");
        Assert.True(clean >= 8 && cleanFlagged <= clean * 0.05, $"{cleanFlagged} of {clean} clean pairs flagged (> 5%)");
    }

    private (HealingRegionScore.Counts Counts, HealingRegionScore.Counts AreaOnly, HealingRegionScore.Counts WithoutBand) Score(HealingAnalyzer analyzer, HealingModel model, ulong seed, SynthPreset preset, bool compareFullGrid, ScoreFloorSweep? sweep)
    {
        using var pair = SynthCase.Generate(seed, preset, 1000, 750).Render();
        var before = pair.Before.Rgb;
        using var afterOnBefore = new PixelBuffer<byte>(before.Width, before.Height, 3);
        using var valid = new PixelBuffer<byte>(before.Width, before.Height, 1);
        MappedWarp.WarpRgb(pair.After.Rgb, afterOnBefore, pair.MapBeforeToAfter, valid);
        var result = analyzer.Analyze(before, afterOnBefore, valid, null);
        if (compareFullGrid)
        {
            // The opt-in coarse-to-fine pass beside the default full grid (every 4th case: time), for the record:
            // it is off by default because it can miss what the full grid finds.
            var coarse = new HealingAnalyzer(model) { CoarseToFine = true }.Analyze(before, afterOnBefore, valid, null);
            bool same = coarse.Flags.Count == result.Flags.Count && result.Flags.All(f => coarse.Flags.Any(g => g.Type == f.Type && g.Box.SequenceEqual(f.Box)));
            output.WriteLine($"    coarse-to-fine (opt-in): {coarse.Tiles} of {result.GridTiles} tiles; flags {(same ? "identical to" : "DIFFER from")} the full grid ({result.Flags.Count}: {string.Join(", ", result.Flags.Select(f => $"{f.Type} [{string.Join(",", f.Box)}]"))})");
        }

        // The truth regions once per pair: each scoring below only compares boxes with them.
        var truth = HealingRegionScore.Regions(pair);
        var counts = HealingRegionScore.Score(truth, result.Flags);
        sweep?.Add(truth, result.Flags);
        output.WriteLine($"{pair.Case.Name}: {result.Flags.Count} flags, {result.Tiles} tiles, {result.Milliseconds:0} ms; truth redness a* rise {string.Join(", ", pair.Truth.After.Healing.Where(h => h.DeltaAStar is not null).Select(h => $"{h.DeltaAStar:0.0}{(h.Visible ? "" : " (faint)")}"))}");
        foreach (var f in result.Flags.Concat(result.Unconfirmed))
        {
            output.WriteLine($"    {(result.Flags.Contains(f) ? "" : "unconfirmed ")}{f.Type} {f.Score:0.00} [{string.Join(",", f.Box)}] {(HealingRegionScore.Hits(truth, f) ? "HIT" : "MISS")} {string.Join(" ", f.Evidence.Select(e => $"{e.Key}={e.Value}"))}");
        }

        output.WriteLine($"    truth: {HealingRegionScore.Describe(counts)}");
        foreach (var miss in HealingRegionScore.Misses(truth, result.Flags))
        {
            output.WriteLine($"    missed {miss}");
        }

        return (counts, HealingRegionScore.Score(truth.AreaOnly!, result.Flags), HealingRegionScore.Score(truth.WithoutCloseBand!, result.Flags));
    }
}
