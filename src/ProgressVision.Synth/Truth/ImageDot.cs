namespace ProgressVision.Synth.Truth;

/// <summary>
/// A pigment dot as it appears in one photo. (X, Y) is the exact projection of the dot's world centre
/// (OpenCV convention, pixel centres at integers); the rendered ink is symmetric about it, so on a clean
/// render the darkness centroid coincides with it.
/// </summary>
public sealed record ImageDot
{
    /// <summary>Dot id, stable across sessions and photos.</summary>
    public required int Id { get; init; }

    /// <summary>Centre x, px.</summary>
    public required double X { get; init; }

    /// <summary>Centre y, px.</summary>
    public required double Y { get; init; }

    /// <summary>Equivalent-area diameter in the image, px: 2·√(a·b) of the projected ellipse.</summary>
    public required double DiameterPx { get; init; }

    /// <summary>Semi-major axis of the projected ellipse, px.</summary>
    public required double MajorRadiusPx { get; init; }

    /// <summary>Semi-minor axis of the projected ellipse, px.</summary>
    public required double MinorRadiusPx { get; init; }

    /// <summary>Orientation of the major axis in the image, degrees (x towards y).</summary>
    public required double AngleDegrees { get; init; }

    /// <summary>Dot diameter in the world, mm (equivalent area).</summary>
    public required double DiameterMm { get; init; }

    /// <summary>
    /// Expected luminance contrast at the dot centre before camera effects: 1 − L(dot)/L(skin), 0..1.
    /// Low on dark skin and for faded dots.
    /// </summary>
    public required double Contrast { get; init; }

    /// <summary>Condition at this session (normal, fresh, faded, lost, blowout).</summary>
    public required string Condition { get; init; }

    /// <summary>Session in which the dot was placed.</summary>
    public required int PlacedInSession { get; init; }

    /// <summary>True when the dot was placed in a clump.</summary>
    public bool InClump { get; init; }

    /// <summary>True when the dot is rendered and its contrast is at least <see cref="TruthDefinitions.MinVisibleOpacity"/>.</summary>
    public required bool Visible { get; init; }

    /// <summary>True when the centre pixel is covered by hair.</summary>
    public required bool UnderHair { get; init; }

    /// <summary>
    /// True when the dot enters the metrics: visible and its centre pixel (rounded) lies in the treated
    /// visible scalp (see <see cref="TruthDefinitions"/>). Detectors should be scored against these.
    /// </summary>
    public required bool Counted { get; init; }
}
