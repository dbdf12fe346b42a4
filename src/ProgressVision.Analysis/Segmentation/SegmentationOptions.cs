namespace ProgressVision.Analysis.Segmentation;

/// <summary>Thresholds of <see cref="ScalpSegmentation"/>.</summary>
public sealed record SegmentationOptions
{
    /// <summary>Block side for the skin/background colour test, px.</summary>
    public int BackgroundBlock { get; init; } = 8;

    /// <summary>
    /// A block is background when its log(R/B) (linear light) lies this far below the skin's. Skin
    /// is warm (R/B 1.7–3.1 across tones) and capes, walls and chairs neutral or blue (R/B ≤ 1.1);
    /// a white-balance error shifts both alike.
    /// </summary>
    public double BackgroundChromaMargin { get; init; } = 0.4;

    /// <summary>Ridge strength (−λ_min − |λ_max| of the darkness Hessian) seeding hair, in robust noise units.</summary>
    public double HairSeedNoise { get; init; } = 8.0;

    /// <summary>Ridge strength to which hair grows from its seeds, in robust noise units.</summary>
    public double HairGrowNoise { get; init; } = 4.0;

    /// <summary>Shortest hair or stubble kept (bounding-box extent), px.</summary>
    public int HairMinLengthPx { get; init; } = 7;

    /// <summary>Widest ridge taken as hair (mean width of the ridge component), px.</summary>
    public double HairMaxWidthPx { get; init; } = 6.0;

    /// <summary>Treated area: where smoothed dot density reaches this fraction of its median at the dots.</summary>
    public double TreatedDensityFraction { get; init; } = 0.5;

    /// <summary>Density smoothing σ as a multiple of the median nearest-neighbour spacing.</summary>
    public double TreatedSmoothingSpacings { get; init; } = 1.5;
}
