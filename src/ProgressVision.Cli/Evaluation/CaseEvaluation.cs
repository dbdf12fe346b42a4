namespace ProgressVision.Cli.Evaluation;

/// <summary>One Synth pair run through the whole <c>compare</c> pipeline and scored against truth.</summary>
/// <param name="Name">Case name (preset-seed).</param>
/// <param name="Preset">Preset name, lower case.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Failure">Why the pipeline failed (alignment refused, exception), or null.</param>
/// <param name="Alignment">Alignment error over the BEFORE treated area (null on failure).</param>
/// <param name="BeforeDots">Dot detection score on BEFORE.</param>
/// <param name="AfterDots">Dot detection score on AFTER.</param>
/// <param name="Photos">Per photo (BEFORE, AFTER): measured and true metrics.</param>
/// <param name="WallMs">Wall time of the pipeline call, ms.</param>
public sealed record CaseEvaluation(
    string Name,
    string Preset,
    ulong Seed,
    string? Failure,
    AlignmentScore? Alignment,
    DotScore? BeforeDots,
    DotScore? AfterDots,
    IReadOnlyList<PhotoMetricPair> Photos,
    double WallMs)
{
    /// <summary>The lower of the two photos' F1 (NaN on failure).</summary>
    public double MinF1 => BeforeDots is null || AfterDots is null ? double.NaN : Math.Min(BeforeDots.F1, AfterDots.F1);
}

/// <summary>Our metric and the truth for one photo.</summary>
/// <param name="Coverage">Measured coverage, 0..1.</param>
/// <param name="TrueCoverage">True coverage.</param>
/// <param name="DensityPerCm2">Measured density (NaN when the pipeline had no scale).</param>
/// <param name="TrueDensityPerCm2">True density.</param>
/// <param name="NnCv">Measured nearest-neighbour CV.</param>
/// <param name="TrueNnCv">True nearest-neighbour CV.</param>
public sealed record PhotoMetricPair(double Coverage, double TrueCoverage, double DensityPerCm2, double TrueDensityPerCm2, double NnCv, double TrueNnCv)
{
    /// <summary>|coverage − truth|.</summary>
    public double CoverageAbsError => Math.Abs(Coverage - TrueCoverage);

    /// <summary>|density − truth| ÷ truth.</summary>
    public double DensityRelError => Math.Abs(DensityPerCm2 - TrueDensityPerCm2) / TrueDensityPerCm2;
}
