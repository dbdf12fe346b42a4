using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Metrics;
using ProgressVision.Analysis.Tests.Dots;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Analysis.Tests.Accuracy;

/// <summary>One evaluated Synth photo: truth, our full pipeline, and the OpenCV anchor.</summary>
public sealed record EvaluatedCase(
    string Name, string Tone, double BlurPx, TruthMetrics Truth, double F1, double Precision, double Recall,
    double OpenCvF1, PhotoMetricsSummary Ours);

/// <summary>Our metrics in the units of the truth.</summary>
public sealed record PhotoMetricsSummary(double Coverage, double DensityPerCm2, double NnCv, int DotCount);

/// <summary>
/// Renders and evaluates the accuracy cases once per test class. Seeds 101–106 (easy) and 201–206
/// (hard, at the 1200 × 900 reference size where dots are 5–12 px across; at 800 × 600 very dark
/// skin with defocus shrinks them to 3 px and recall drops) were never used while tuning the detector or the segmentation (tuning used seeds 1–6 of
/// both presets, and seeds 7–12 for the uniformity series).
/// </summary>
public abstract class SynthAccuracyFixture
{
    protected SynthAccuracyFixture(SynthPreset preset, ulong firstSeed, int width, int height)
    {
        var cases = new EvaluatedCase[6];
        for (int i = 0; i < cases.Length; i++)
        {
            var c = SynthCase.Generate(firstSeed + (ulong)i, preset, width, height);
            using var photo = SynthRenderer.Render(c.Scene, c.BeforeSession, c.BeforePose, c.BeforeConditions);
            cases[i] = Evaluate(c.Name, photo);
        }

        Cases = cases;
    }

    public IReadOnlyList<EvaluatedCase> Cases { get; }

    public static EvaluatedCase Evaluate(string name, RenderedPhoto photo)
    {
        var t = photo.Truth;
        using var m = PhotoMeasurement.Analyse(photo.Rgb, new PhotoMeasurementOptions { MmPerPx = t.MmPerPx });
        var s = SynthDotScoring.Score(photo, m.Dots);
        var (cv, _) = OpenCvBlobAnchor.Detect(photo.Rgb);
        var sc = SynthDotScoring.Score(photo, cv);
        var ours = new PhotoMetricsSummary(m.Metrics.Coverage, m.Metrics.DensityPerCm2 ?? double.NaN, m.Metrics.Uniformity.NnCv, m.Metrics.DotCount);
        return new EvaluatedCase(name, t.SkinTone, t.Conditions.BlurSigmaPx, t.Metrics, s.F1, s.P, s.R, sc.F1, ours);
    }
}

public sealed class EasyCases() : SynthAccuracyFixture(SynthPreset.Easy, 101, 800, 600);

public sealed class HardCases() : SynthAccuracyFixture(SynthPreset.Hard, 201, 1200, 900);
