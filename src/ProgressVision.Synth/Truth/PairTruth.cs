namespace ProgressVision.Synth.Truth;

/// <summary>Truth of a BEFORE/AFTER pair: the pixel mapping and dot changes.</summary>
public sealed record PairTruth
{
    /// <summary>
    /// Best-fitting homography AFTER px → BEFORE px (least squares of geometric error over the scalp
    /// pixels of the overlap), 9 numbers row-major. Exact mapping: <see cref="Grid"/> or
    /// <c>SynthPair.MapAfterToBefore</c>.
    /// </summary>
    public required double[] AfterToBefore { get; init; }

    /// <summary>RMS distance between the exact mapping and <see cref="AfterToBefore"/> over the fit points, px.</summary>
    public required double HomographyRmsErrorPx { get; init; }

    /// <summary>Largest such distance, px.</summary>
    public required double HomographyMaxErrorPx { get; init; }

    /// <summary>Fraction of AFTER pixels whose exact BEFORE position lies inside the BEFORE image.</summary>
    public required double Overlap { get; init; }

    /// <summary>Exact BEFORE coordinates on a grid of AFTER pixels.</summary>
    public required TruthWarpGrid Grid { get; init; }

    /// <summary>Dot changes between the two photos, over dots visible in both frames.</summary>
    public required DotChangeTruth Change { get; init; }
}

/// <summary>
/// BEFORE coordinates of AFTER pixel (c·Step, r·Step), row-major, Cols×Rows (Step = 16; bilinear
/// interpolation between nodes is within ~0.01 px of the exact mapping); null where the AFTER pixel
/// is background or lands outside the BEFORE image. Same layout as the result model's WarpGrid.
/// </summary>
public sealed record TruthWarpGrid(int Step, int Cols, int Rows, double?[] X, double?[] Y);

/// <summary>
/// Dot change counts, over dots whose centre lies inside both photos and inside the treated area:
/// retained (visible in both, not faded), faded (visible before, faded or invisible after but not lost),
/// lost (visible before, lost after), new (placed after the BEFORE session), blownOut (blowout after).
/// </summary>
public sealed record DotChangeTruth(int Retained, int Faded, int Lost, int New, int BlownOut);
