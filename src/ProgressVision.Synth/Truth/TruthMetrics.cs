namespace ProgressVision.Synth.Truth;

/// <summary>
/// Coverage, density and uniformity of one photo, computed from the world data and the exact masks.
/// Definitions: <see cref="TruthDefinitions"/> (the Metrics code must compute the same quantities).
/// </summary>
public sealed record TruthMetrics
{
    /// <summary>Σ pigment fraction over the treated visible scalp ÷ its pixel count, 0..1.</summary>
    public required double Coverage { get; init; }

    /// <summary>Counted dots.</summary>
    public required int DotCount { get; init; }

    /// <summary>Treated visible scalp, px.</summary>
    public required double TreatedVisibleAreaPx { get; init; }

    /// <summary>Treated visible scalp in the world, mm² (sum of each pixel's exact footprint).</summary>
    public required double TreatedVisibleAreaMm2 { get; init; }

    /// <summary>Counted dots per cm² of world area.</summary>
    public required double DensityPerCm2 { get; init; }

    /// <summary>Counted dots per 1000 px² of image area.</summary>
    public required double DensityPer1000Px2 { get; init; }

    /// <summary>Coefficient of variation of nearest-neighbour distances (population SD ÷ mean).</summary>
    public required double NnCv { get; init; }

    /// <summary>Mean nearest-neighbour distance, px.</summary>
    public required double MeanNnDistancePx { get; init; }

    /// <summary>Clark–Evans ratio with Donnelly's edge correction.</summary>
    public required double ClarkEvansR { get; init; }

    /// <summary>Perimeter of the treated visible scalp used by the edge correction (crack length), px.</summary>
    public required double PerimeterPx { get; init; }

    /// <summary>CV of equivalent dot diameters (px).</summary>
    public required double SizeCv { get; init; }

    /// <summary>CV of local density over the 5 mm grid.</summary>
    public required double LocalDensityCv { get; init; }

    /// <summary>Grid cell side used for <see cref="LocalDensityCv"/>, px (5 mm at the nominal scale).</summary>
    public required double LocalGridCellPx { get; init; }

    /// <summary>Cells that entered <see cref="LocalDensityCv"/>.</summary>
    public required int LocalGridCells { get; init; }
}
