using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Accuracy;

/// <summary>Accuracy of the whole photo pipeline (detection, segmentation, metrics) against Synth truth.</summary>
public abstract class SynthAccuracyTests(SynthAccuracyFixture fixture, ITestOutputHelper output, double minF1, double densityTolerance)
{
    // Issue 4 targets: coverage within 0.02 absolute, density within 5% relative (both classes below
    // pass the 5% target in; measured figures beside them).
    private const double CoverageTolerance = 0.02;

    [Fact]
    public void Detection_f1_meets_the_target()
    {
        // OpenCV's F1 is printed beside ours as the anchor (the goal is to be at least as accurate;
        // on easy photos with the stronger Synth pores we are currently about level, not ahead).
        foreach (var c in fixture.Cases)
        {
            output.WriteLine($"{c.Name} tone={c.Tone} blur={c.BlurPx:F2}: F1 ours {c.F1:F3} (P {c.Precision:F3} R {c.Recall:F3}) OpenCV SimpleBlobDetector {c.OpenCvF1:F3}");
        }

        output.WriteLine($"mean F1 ours {fixture.Cases.Average(c => c.F1):F3}, OpenCV {fixture.Cases.Average(c => c.OpenCvF1):F3}");
        foreach (var c in fixture.Cases)
        {
            Assert.True(c.F1 >= minF1, $"{c.Name}: F1 {c.F1:F3} < {minF1}");
        }
    }

    [Fact]
    public void Coverage_and_density_match_truth()
    {
        foreach (var c in fixture.Cases)
        {
            double rel = (c.Ours.DensityPerCm2 - c.Truth.DensityPerCm2) / c.Truth.DensityPerCm2;
            output.WriteLine($"{c.Name}: coverage {c.Ours.Coverage:F4} truth {c.Truth.Coverage:F4} (err {c.Ours.Coverage - c.Truth.Coverage:+0.0000;-0.0000}); density/cm² {c.Ours.DensityPerCm2:F1} truth {c.Truth.DensityPerCm2:F1} ({100 * rel:+0.0;-0.0}%); nnCv {c.Ours.NnCv:F3} truth {c.Truth.NnCv:F3}");
        }

        foreach (var c in fixture.Cases)
        {
            Assert.True(Math.Abs(c.Ours.Coverage - c.Truth.Coverage) <= CoverageTolerance, $"{c.Name}: coverage {c.Ours.Coverage:F4} vs truth {c.Truth.Coverage:F4}");
            double rel = Math.Abs(c.Ours.DensityPerCm2 - c.Truth.DensityPerCm2) / c.Truth.DensityPerCm2;
            Assert.True(rel <= densityTolerance, $"{c.Name}: density {c.Ours.DensityPerCm2:F1} vs truth {c.Truth.DensityPerCm2:F1} ({100 * rel:F1}%)");
        }
    }
}

public sealed class EasySynthAccuracyTests(EasyCases fixture, ITestOutputHelper output)
    : SynthAccuracyTests(fixture, output, minF1: 0.95, densityTolerance: 0.05), IClassFixture<EasyCases>;

// Easy (seeds 101–106, BEFORE photos): density within 2.4%, F1 ≥ 0.987 (2026-11-21).
// Hard (seeds 201–206, BEFORE photos): density within 4.0% (hard-202 +4.0%, the rest ≤ 2.2%), F1 ≥ 0.983,
// since the colour test keeps skin-coloured pores out and lets pigment-coloured faint dots in (before:
// +8–11% on three of six cases, held at 12%). The whole-pipeline held-out run in docs/ACCURACY.md meets 5% on
// hard since faint dots under sheen and noise are searched and calibrated locally (worst 4.5%; before, hard-502003
// AFTER −8.7%: count −8.1%, recall 0.913 on very dark skin under 1.35 px blur), with little margin.
public sealed class HardSynthAccuracyTests(HardCases fixture, ITestOutputHelper output)
    : SynthAccuracyTests(fixture, output, minF1: 0.85, densityTolerance: 0.05), IClassFixture<HardCases>;
