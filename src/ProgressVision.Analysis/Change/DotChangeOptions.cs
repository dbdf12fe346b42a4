namespace ProgressVision.Analysis.Change;

/// <summary>Thresholds of dot-to-dot matching.</summary>
public sealed record DotChangeOptions
{
    /// <summary>
    /// A matched dot is faded when AFTER contrast &lt; (1 − this) × BEFORE contrast × the pair's contrast transfer
    /// (the median AFTER/BEFORE ratio of all matched dots: what the camera alone does to every dot).
    /// </summary>
    public double FadeFraction { get; init; } = 0.35;

    /// <summary>
    /// Matched dots needed to estimate the pair's contrast transfer; with fewer the transfer is 1 (raw ratios): the
    /// median of a handful of dots would follow the very fade it should measure against.
    /// </summary>
    public int MinDotsForTransfer { get; init; } = 30;

    /// <summary>
    /// Radius, px, of the neighbourhood whose matched dots give a dot's local contrast transfer (≈ 15 mm at
    /// 0.05 mm/px; <see cref="LocalTransferRadiusMm"/> when the scale is known): the median AFTER/BEFORE ratio of the
    /// matched dots within it, when it holds at least <see cref="MinDotsForTransfer"/>; otherwise the pair's.
    /// </summary>
    public double LocalTransferRadiusPx { get; init; } = 300;

    /// <summary>
    /// The same in mm: wider than a fade patch (Synth draws them 4–9 mm in radius, and a practitioner's patchy fade
    /// is of that order), so that the dots around a patch, not the patch's own faded dots, set its reference.
    /// </summary>
    public const double LocalTransferRadiusMm = 15;

    /// <summary>Largest centre distance for a match, as a multiple of the BEFORE dot radius…</summary>
    public double MatchRadiusFactor { get; init; } = 0.9;

    /// <summary>…but never less than this many pixels (alignment error plus centre noise).</summary>
    public double MinMatchDistancePx { get; init; } = 2.5;

    /// <summary>Cell size for locating fade clusters, pixels (≈ 5 mm at 0.05 mm/px).</summary>
    public double ClusterCellPx { get; init; } = 100;

    /// <summary>A cell belongs to a fade cluster when at least this share of its earlier dots faded or were lost…</summary>
    public double ClusterFadedShare { get; init; } = 0.5;

    /// <summary>…and it held at least this many earlier dots.</summary>
    public int ClusterMinDots { get; init; } = 4;
}
