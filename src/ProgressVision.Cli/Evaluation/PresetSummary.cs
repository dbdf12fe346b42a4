namespace ProgressVision.Cli.Evaluation;

/// <summary>
/// One row of the accuracy table: a preset's cases reduced to their worst (alignment, F1, metric errors)
/// and the rank correlation of measured with true nnCv over every photo of the preset, with the range of
/// the true nnCv it is taken over (a correlation over a narrow range mostly measures noise).
/// </summary>
public sealed record PresetSummary(
    string Preset,
    int Cases,
    int Failed,
    double WorstMedianPx,
    double WorstP95Px,
    double MinF1,
    double MeanF1,
    double MaxCoverageAbsError,
    double MaxDensityRelError,
    double NnCvSpearman,
    double MedianWallMs,
    double TrueNnCvMin = double.NaN,
    double TrueNnCvMax = double.NaN)
{
    /// <summary>The F1 target for this preset: 0.95 on easy cases, 0.85 on every harder preset.</summary>
    public double F1Target => Preset == "easy" ? 0.95 : 0.85;

    /// <summary>Reduces the cases of one preset.</summary>
    public static PresetSummary From(string preset, IReadOnlyList<CaseEvaluation> cases)
    {
        var ok = cases.Where(c => c.Failure is null).ToList();
        var photos = ok.SelectMany(c => c.Photos).ToList();
        var f1s = ok.SelectMany(c => new[] { c.BeforeDots!.F1, c.AfterDots!.F1 }).ToList();
        var walls = cases.Select(c => c.WallMs).Order().ToList();
        return new PresetSummary(
            preset,
            cases.Count,
            cases.Count - ok.Count,
            ok.Count == 0 ? double.NaN : ok.Max(c => c.Alignment!.MedianPx),
            ok.Count == 0 ? double.NaN : ok.Max(c => c.Alignment!.P95Px),
            f1s.Count == 0 ? double.NaN : f1s.Min(),
            f1s.Count == 0 ? double.NaN : f1s.Average(),
            photos.Count == 0 ? double.NaN : photos.Max(p => p.CoverageAbsError),
            photos.Count == 0 ? double.NaN : photos.Max(p => p.DensityRelError),
            TruthScoring.Spearman(photos.Select(p => p.NnCv).ToList(), photos.Select(p => p.TrueNnCv).ToList()),
            walls.Count == 0 ? double.NaN : walls[walls.Count / 2],
            photos.Count == 0 ? double.NaN : photos.Min(p => p.TrueNnCv),
            photos.Count == 0 ? double.NaN : photos.Max(p => p.TrueNnCv));
    }
}
