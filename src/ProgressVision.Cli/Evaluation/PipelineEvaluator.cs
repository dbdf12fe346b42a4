using System.Diagnostics;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Rendering;

namespace ProgressVision.Cli.Evaluation;

/// <summary>Renders a Synth case, runs <see cref="PairAnalyzer"/> on it in memory, and scores it.</summary>
public static class PipelineEvaluator
{
    /// <summary>Evaluates one case at <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static CaseEvaluation Evaluate(SynthPreset preset, ulong seed, int width, int height)
    {
        using var pair = SynthCase.Generate(seed, preset, width, height).Render();
        var name = pair.Case.Name;
        var presetName = preset.ToString().ToLowerInvariant();

        var analyzer = new PairAnalyzer(new PairAnalysisOptions { MmPerPx = CalibratedMmPerPx(pair.Before) }, healingModel: null);
        var before = Loaded(pair.Before, "before");
        var after = Loaded(pair.After, "after");
        var sw = Stopwatch.StartNew();
        PairAnalysis analysis;
        try
        {
            analysis = analyzer.AnalyzeDetailed(before, after);
        }
        catch (Exception ex) when (ex is AlignmentFailedException or PhotoInputException)
        {
            sw.Stop();
            return new CaseEvaluation(name, presetName, seed, ex.Message, null, null, null, [], sw.Elapsed.TotalMilliseconds);
        }

        sw.Stop();
        using (analysis)
        {
            var align = TruthScoring.ScoreAlignment(pair, analysis.Alignment.MapAfterToBefore);
            var bd = TruthScoring.ScoreDots(pair.Before, analysis.BeforeMeasurement.Dots);
            var ad = TruthScoring.ScoreDots(pair.After, analysis.AfterMeasurement.Dots);
            return new CaseEvaluation(
                name, presetName, seed, align.Points == 0 ? "no treated BEFORE pixel is visible in AFTER" : null, align, bd, ad,
                [Metrics(analysis.BeforeMeasurement.Metrics, pair.Before), Metrics(analysis.AfterMeasurement.Metrics, pair.After)],
                sw.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// The scale a clinic would enter for BEFORE: measured with a ruler on the scalp at the photo centre, i.e.
    /// the true local scale there (√ of the exact pixel footprint), which includes the camera tilt's
    /// foreshortening. <see cref="Synth.Truth.PhotoTruth.MmPerPx"/> is the untilted nominal scale, which no
    /// measurement in the photo can recover; giving it made every tilted BEFORE 1–5 % off in density.
    /// </summary>
    public static double CalibratedMmPerPx(RenderedPhoto photo) =>
        Math.Sqrt(photo.Projection.PixelAreaMm2((photo.Truth.Width - 1) / 2.0, (photo.Truth.Height - 1) / 2.0));

    private static PhotoMetricPair Metrics(PhotoMetrics m, RenderedPhoto photo)
    {
        var t = photo.Truth.Metrics;
        return new PhotoMetricPair(m.Coverage, t.Coverage, m.DensityPerCm2 ?? double.NaN, t.DensityPerCm2, m.Uniformity.NnCv, t.NnCv);
    }

    // PairAnalyzer takes ownership of the buffers, so it gets copies and the truth keeps its own.
    private static LoadedPhoto Loaded(RenderedPhoto photo, string label)
    {
        var rgb = photo.Rgb.Clone();
        return new LoadedPhoto(
            new PhotoInfo($"synth-{label}", string.Empty, rgb.Width, rgb.Height, null, null),
            rgb,
            ImageMetadata.None(rgb.Width, rgb.Height));
    }
}
