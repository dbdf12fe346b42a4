namespace ProgressVision.Analysis.Healing;

/// <summary>
/// What a clinic considers a finished treatment, and its healing windows. Defaults follow common SMP
/// practice (2–3 sessions 10–14 days apart; redness expected to settle within a week); every value
/// can be overridden per clinic (e.g. <see cref="TargetDensityPerCm2"/> set to the client's native
/// follicle density measured at the sides).
/// </summary>
public sealed record ClinicTargets
{
    /// <summary>Minimum dots per cm² in the treated area (used when the scale is known).</summary>
    public double TargetDensityPerCm2 { get; init; } = 60;

    /// <summary>Minimum apparent coverage (pigmented fraction of the treated scalp).</summary>
    public double TargetCoverage { get; init; } = 0.06;

    /// <summary>Largest acceptable empty patch, mm² (used when the scale is known).</summary>
    public double MaxGapAreaMm2 { get; init; } = 16;

    /// <summary>Largest acceptable empty patch in pixels² when no scale is known.</summary>
    public double MaxGapAreaPx { get; init; } = 6400;

    /// <summary>Largest acceptable CV of local density over the 5 mm grid (patchiness).</summary>
    public double MaxLocalDensityCv { get; init; } = 0.45;

    /// <summary>Largest acceptable fraction of earlier dots that faded or were lost.</summary>
    public double MaxFadedFraction { get; init; } = 0.15;

    /// <summary>Days after a session before fade and retention can be judged.</summary>
    public int MinDaysToJudgeFade { get; init; } = 10;

    /// <summary>Days after a session after which redness counts as persistent.</summary>
    public int RednessWindowDays { get; init; } = 7;

    /// <summary>The defaults.</summary>
    public static ClinicTargets Default { get; } = new();

    /// <summary>
    /// What is wrong with these targets, one line per value out of its meaningful range (empty when
    /// they can be used), each naming the JSON field.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string field, double value, string range)
        {
            if (!ok)
            {
                problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{field} {value} is outside {range}"));
            }
        }

        Check(TargetDensityPerCm2 is > 0 and <= 1000, "targetDensityPerCm2", TargetDensityPerCm2, "(0, 1000] dots/cm²");
        Check(TargetCoverage is > 0 and <= 1, "targetCoverage", TargetCoverage, "(0, 1]");
        Check(MaxGapAreaMm2 is > 0 and <= 10000, "maxGapAreaMm2", MaxGapAreaMm2, "(0, 10000] mm²");
        Check(MaxGapAreaPx is > 0 and <= 1e8, "maxGapAreaPx", MaxGapAreaPx, "(0, 1e8] px²");
        Check(MaxLocalDensityCv is > 0 and <= 10, "maxLocalDensityCv", MaxLocalDensityCv, "(0, 10]");
        Check(MaxFadedFraction is >= 0 and <= 1, "maxFadedFraction", MaxFadedFraction, "[0, 1]");
        Check(MinDaysToJudgeFade is >= 0 and <= 365, "minDaysToJudgeFade", MinDaysToJudgeFade, "[0, 365] days");
        Check(RednessWindowDays is >= 0 and <= 365, "rednessWindowDays", RednessWindowDays, "[0, 365] days");
        return problems;
    }
}
