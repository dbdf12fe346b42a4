namespace ProgressVision.Synth.Scene;

/// <summary>
/// One pigment deposit as placed by the practitioner, in world millimetres. Its appearance in a given
/// session (faded, lost, blown out) is a <see cref="DotCondition"/> in <see cref="SessionState.Dots"/>.
/// </summary>
public sealed record PigmentDot
{
    /// <summary>Stable id across sessions (dot correspondence between photos is by id).</summary>
    public required int Id { get; init; }

    /// <summary>Centre x, mm.</summary>
    public required double X { get; init; }

    /// <summary>Centre y, mm.</summary>
    public required double Y { get; init; }

    /// <summary>Semi-major axis, mm (the nominal dot edge, where the ink profile falls to half).</summary>
    public required double RadiusMm { get; init; }

    /// <summary>Minor/major axis ratio, 0.7..1.</summary>
    public double Aspect { get; init; } = 1.0;

    /// <summary>Orientation of the major axis, radians.</summary>
    public double Angle { get; init; }

    /// <summary>Ink opacity at the centre of a fresh dot, 0..1.</summary>
    public double Opacity { get; init; } = 0.9;

    /// <summary>Session (1-based) in which the dot was placed.</summary>
    public required int Session { get; init; }

    /// <summary>True when the dot was placed inside a deliberate clump (closer than the usual spacing).</summary>
    public bool InClump { get; init; }

    /// <summary>Equivalent-area radius, mm: √(a·b).</summary>
    public double EquivalentRadiusMm => RadiusMm * Math.Sqrt(Aspect);
}
