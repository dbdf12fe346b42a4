namespace ProgressVision.Synth.Truth;

/// <summary>Everything known about one rendered photo (serialised as JSON; masks are separate files).</summary>
public sealed record PhotoTruth
{
    /// <summary>Width, px.</summary>
    public required int Width { get; init; }

    /// <summary>Height, px.</summary>
    public required int Height { get; init; }

    /// <summary>Session number (1-based).</summary>
    public required int Session { get; init; }

    /// <summary>Session date.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Days since the previous session's work.</summary>
    public required int DaysSincePreviousSession { get; init; }

    /// <summary>Nominal scale at the image centre, mm per px.</summary>
    public required double MmPerPx { get; init; }

    /// <summary>Skin tone name.</summary>
    public required string SkinTone { get; init; }

    /// <summary>Plane homography world(mm) → image(px), 9 numbers row-major (exact when <see cref="CurvatureAmplitudePx"/> is 0).</summary>
    public required double[] WorldToImage { get; init; }

    /// <summary>Curvature displacement amplitude, px (0 = none); see <see cref="Camera.CurvatureDistortion"/>.</summary>
    public double CurvatureAmplitudePx { get; init; }

    /// <summary>Curvature centre x, y and radius, px (empty when none).</summary>
    public double[] CurvatureCentreAndRadius { get; init; } = [];

    /// <summary>Camera pose summary: roll, tilt x, tilt y (degrees) and scale.</summary>
    public required double[] PoseRollTiltXTiltYScale { get; init; }

    /// <summary>Photometric conditions summary.</summary>
    public required PhotoConditionsTruth Conditions { get; init; }

    /// <summary>All dots whose centre is within the image (lost dots included, flagged).</summary>
    public required IReadOnlyList<ImageDot> Dots { get; init; }

    /// <summary>Metrics over the counted dots.</summary>
    public required TruthMetrics Metrics { get; init; }

    /// <summary>Treated area outline in image px (x0, y0, x1, y1, …; may extend beyond the image).</summary>
    public required double[] TreatedPolygon { get; init; }

    /// <summary>Gap outlines in image px.</summary>
    public required IReadOnlyList<double[]> GapPolygons { get; init; }

    /// <summary>Healing regions in image px.</summary>
    public required IReadOnlyList<HealingTruth> Healing { get; init; }

    /// <summary>Pixel counts of each healing label on scalp (index = HealingKind code).</summary>
    public required int[] HealingPixelCounts { get; init; }

    /// <summary>Mask file names relative to this JSON (filled by the writer).</summary>
    public IReadOnlyDictionary<string, string>? MaskFiles { get; init; }
}

/// <summary>A healing region as seen in a photo.</summary>
/// <param name="Kind">"redness", "patchyFade" or "blowout".</param>
/// <param name="Strength">0..1.</param>
/// <param name="Polygon">Outline in image px (x0, y0, …).</param>
public sealed record HealingTruth(string Kind, double Strength, double[] Polygon)
{
    /// <summary>Redness only: rendered a* rise over this photo's healthy skin (see <see cref="RednessVisibility"/>); null otherwise.</summary>
    public double? DeltaAStar { get; init; }

    /// <summary>
    /// False for redness too faint to see (a* rise below <see cref="TruthDefinitions.MinVisibleRednessDeltaA"/>):
    /// rendered, but healthy in the healing mask and the pixel counts.
    /// </summary>
    public bool Visible { get; init; } = true;
}

/// <summary>Photometric conditions of a photo, for the record.</summary>
public sealed record PhotoConditionsTruth(double ExposureEv, double[] WhiteBalance, double GradientStrength, double SpecularStrength, double BlurSigmaPx, double NoiseSigma, int JpegQuality);
