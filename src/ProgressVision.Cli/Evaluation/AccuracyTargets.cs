namespace ProgressVision.Cli.Evaluation;

/// <summary>The accuracy targets of issue 4 item 8, checked against a preset summary.</summary>
public static class AccuracyTargets
{
    /// <summary>Alignment median error limit, px.</summary>
    public const double MedianPx = 0.5;

    /// <summary>Alignment 95th-percentile error limit, px.</summary>
    public const double P95Px = 1.5;

    /// <summary>Coverage absolute error limit.</summary>
    public const double CoverageAbsError = 0.02;

    /// <summary>Density relative error limit.</summary>
    public const double DensityRelError = 0.05;

    /// <summary>nnCv Spearman rank correlation floor.</summary>
    public const double NnCvSpearman = 0.9;

    /// <summary>Every target the summary misses, as "name measured (limit)"; empty when all are met.</summary>
    public static IReadOnlyList<string> Misses(PresetSummary s)
    {
        var misses = new List<string>();
        void Check(bool ok, FormattableString what)
        {
            if (!ok)
            {
                misses.Add(FormattableString.Invariant(what));
            }
        }

        // Comparisons are written so that NaN counts as a miss.
        Check(s.Failed == 0, $"{s.Failed} failed case(s)");
        Check(s.WorstMedianPx <= MedianPx, $"alignment median {s.WorstMedianPx:0.000} px (≤ {MedianPx})");
        Check(s.WorstP95Px <= P95Px, $"alignment p95 {s.WorstP95Px:0.000} px (≤ {P95Px})");
        Check(s.MinF1 >= s.F1Target, $"dot F1 {s.MinF1:0.000} (≥ {s.F1Target})");
        Check(s.MaxCoverageAbsError <= CoverageAbsError, $"coverage abs error {s.MaxCoverageAbsError:0.0000} (≤ {CoverageAbsError})");
        Check(s.MaxDensityRelError <= DensityRelError, $"density rel error {s.MaxDensityRelError:0.000} (≤ {DensityRelError})");
        Check(s.NnCvSpearman >= NnCvSpearman, $"nnCv Spearman {s.NnCvSpearman:0.000} (≥ {NnCvSpearman})");
        return misses.Select(m => $"{s.Preset}: {m}").ToList();
    }
}
