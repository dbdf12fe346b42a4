namespace ProgressVision.Analysis.Change;

/// <summary>Tolerances of <see cref="DotMatcher"/>.</summary>
public sealed record DotMatchOptions
{
    /// <summary>A matched dot is faded when AFTER contrast &lt; (1 − FadeFraction) × BEFORE contrast.</summary>
    public double FadeFraction { get; init; } = 0.3;

    /// <summary>Alignment error allowed on top of the dot's own radius, px.</summary>
    public double AlignmentTolerancePx { get; init; } = 2.0;

    /// <summary>Largest match distance as a multiple of the BEFORE dot's radius (before the alignment allowance).</summary>
    public double RadiusFactor { get; init; } = 0.75;

    /// <summary>Margin inside the common area, px: dots nearer the edge of what both photos show are left out.</summary>
    public double EdgeMarginPx { get; init; } = 4.0;

    /// <summary>Side of the cells in which fading is counted for clusters, px.</summary>
    public double ClusterCellPx { get; init; } = 100;

    /// <summary>A cell joins a fade cluster when at least this share of its BEFORE dots faded or were lost…</summary>
    public double ClusterMinShare { get; init; } = 0.5;

    /// <summary>…and at least this many did.</summary>
    public int ClusterMinDots { get; init; } = 3;

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public void Validate()
    {
        if (FadeFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FadeFraction), $"FadeFraction must be in (0,1), got {FadeFraction}.");
        }

        if (AlignmentTolerancePx < 0 || RadiusFactor <= 0 || ClusterCellPx < 4 || ClusterMinShare is < 0 or > 1 || ClusterMinDots < 1 || EdgeMarginPx < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AlignmentTolerancePx), "Match tolerances and cluster settings must be positive (share in [0,1]).");
        }
    }
}
