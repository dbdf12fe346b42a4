using ProgressVision.Analysis.Compare;

namespace ProgressVision.Reports.History;

/// <summary>How one view developed across sessions.</summary>
/// <param name="View">View name.</param>
/// <param name="Points">One point per session that has a photo of the view, in session order.</param>
/// <param name="Overall">The first-to-latest pair, when analysed.</param>
/// <param name="Latest">The pair ending at the latest session (its recommendation is current), when analysed.</param>
public sealed record ViewProgress(string View, IReadOnlyList<SessionPoint> Points, PairEntry? Overall, PairEntry? Latest)
{
    /// <summary>Coverage change from the first to the latest session (fraction points), when both are measured.</summary>
    public double? CoverageChange => Points.Count >= 2 && Points[0].Metrics is { } a && Points[^1].Metrics is { } b ? b.Coverage - a.Coverage : null;

    /// <summary>Density change from the first to the latest session (same unit as <see cref="SessionPoint.Density"/>).</summary>
    public double? DensityChange => Points.Count >= 2 && Points[0].Density is { } a && Points[^1].Density is { } b ? b - a : null;
}

/// <summary>The measures of one view at one session.</summary>
/// <param name="Session">Session number.</param>
/// <param name="Date">Session date.</param>
/// <param name="Photo">The photo.</param>
/// <param name="Metrics">Measures of the photo, when some analysis covered it.</param>
/// <param name="Flags">Healing flags raised on the pair ending at this session.</param>
public sealed record SessionPoint(int Session, DateOnly Date, PhotoEntry Photo, PhotoMetrics? Metrics, IReadOnlyList<HealingFlag> Flags)
{
    /// <summary>Dots per cm² when the scale is known, else dots per 1000 px².</summary>
    public double? Density => Metrics is null ? null : Metrics.DensityPerCm2 ?? Metrics.DensityPer1000Px2;

    /// <summary>Unit of <see cref="Density"/>.</summary>
    public string DensityUnit => Metrics?.DensityPerCm2 is null ? "dots/1000 px²" : "dots/cm²";
}
