using System.Globalization;
using ProgressVision.Cli.Evaluation;

namespace ProgressVision.Cli.Tests.Evaluation;

/// <summary>
/// Issue 4 item 8 targets for the whole pipeline against Synth truth (the oracle: the renderer's exact
/// dots, masks and mapping), on held-out seeds, at 1200 × 900.
/// </summary>
public sealed class PipelineAccuracyTests(PipelineAccuracyFixture fixture) : IClassFixture<PipelineAccuracyFixture>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private IReadOnlyList<CaseEvaluation> Cases => fixture.Report.Cases;

    [Fact]
    public void EveryCaseAlignsWithinHalfAPixelMedianAndOneAndAHalfP95()
    {
        foreach (var c in Cases)
        {
            Assert.True(c.Failure is null, $"{c.Name} failed: {c.Failure}");
            Assert.True(c.Alignment!.Points > 500, $"{c.Name}: only {c.Alignment.Points} treated points overlap");
            Assert.True(c.Alignment.MedianPx <= AccuracyTargets.MedianPx, string.Create(Inv, $"{c.Name}: median {c.Alignment.MedianPx:0.000} px"));
            Assert.True(c.Alignment.P95Px <= AccuracyTargets.P95Px, string.Create(Inv, $"{c.Name}: p95 {c.Alignment.P95Px:0.000} px"));
        }
    }

    [Fact]
    public void CoverageWithinTwoHundredths()
    {
        foreach (var c in Cases)
        {
            Assert.True(c.Failure is null, $"{c.Name} failed: {c.Failure}");
            foreach (var p in c.Photos)
            {
                Assert.True(p.CoverageAbsError <= AccuracyTargets.CoverageAbsError, string.Create(Inv, $"{c.Name}: coverage {p.Coverage:0.0000} vs truth {p.TrueCoverage:0.0000}"));
            }
        }
    }

    [Fact]
    public void DotF1MeetsTheEasyAndHardTargets()
    {
        foreach (var c in Cases)
        {
            Assert.True(c.Failure is null, $"{c.Name} failed: {c.Failure}");
            double target = c.Preset == "easy" ? 0.95 : 0.85;
            Assert.True(c.MinF1 >= target, string.Create(Inv, $"{c.Name}: F1 before {c.BeforeDots!.F1:0.000} after {c.AfterDots!.F1:0.000} < {target}\n{fixture.Describe()}"));
        }
    }

    [Fact]
    public void DensityWithinFivePercent()
    {
        // Measured on these seeds (2026-11-21): easy ≤ 0.6 %, mixed ≤ 0.7 %, hard ≤ 3.7 % (hard-702001; 4.0 %
        // before the dot search under sheen and noise, mostly its area: +3.1 %), curved ≤ 4.3 % (curved-703001
        // AFTER: the dome's area, −4.8 %). The held-out docs run (docs/ACCURACY.md, 500000+) now meets 5 % on
        // every preset, hard only just (hard-502000 and hard-502003 4.5 %; hard-502003 AFTER was −8.7 %, recall
        // 0.913 on very dark skin under 1.35 px blur, before faint dots were searched and calibrated locally).
        // Before the colour test these seeds were held to 8 % on hard and curved. These are raw renders: saved as
        // 4:2:0 JPEG (q70–85) the colour of small dots is smeared, the detector's self-check refuses colour on
        // most hard photos, and hard is back at the previous detector's figures (held-out worst +21 %).
        foreach (var c in Cases)
        {
            Assert.True(c.Failure is null, $"{c.Name} failed: {c.Failure}");
            foreach (var p in c.Photos)
            {
                Assert.True(p.DensityRelError <= AccuracyTargets.DensityRelError, string.Create(Inv, $"{c.Name}: density {p.DensityPerCm2:0.0}/cm² vs truth {p.TrueDensityPerCm2:0.0} ({p.DensityRelError:P1} > {AccuracyTargets.DensityRelError:P0})\n{fixture.Describe()}"));
            }
        }
    }

    [Fact]
    public void NnCvRanksThePhotosAsTheTruthDoes()
    {
        var photos = Cases.Where(c => c.Failure is null).SelectMany(c => c.Photos).ToList();
        double lo = photos.Min(p => p.TrueNnCv), hi = photos.Max(p => p.TrueNnCv);

        // A rank correlation over true values in a narrow band would mostly measure noise: the Synth cases
        // must span even to irregular work for the figure to mean anything.
        Assert.True(hi - lo >= 0.1, string.Create(Inv, $"true nnCv spans only {lo:0.000}–{hi:0.000}"));
        double rho = TruthScoring.Spearman(photos.Select(p => p.NnCv).ToList(), photos.Select(p => p.TrueNnCv).ToList());
        string pairs = string.Join(", ", photos.Select(p => string.Create(Inv, $"{p.NnCv:0.000}/{p.TrueNnCv:0.000}")));
        Assert.True(rho >= AccuracyTargets.NnCvSpearman, string.Create(Inv, $"nnCv Spearman {rho:0.000} over {photos.Count} photos (measured/true: {pairs})"));
    }
}
