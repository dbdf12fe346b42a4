namespace ProgressVision.Synth.Camera;

/// <summary>
/// Where the camera is relative to the scalp plane, and how big the photo is. A pinhole camera at
/// <see cref="DistanceMm"/> from the target point looks at the plane; <see cref="TiltXDegrees"/> and
/// <see cref="TiltYDegrees"/> tip it (perspective), <see cref="RollDegrees"/> turns it about its axis.
/// </summary>
public sealed record CameraPose
{
    /// <summary>Image width, px.</summary>
    public required int Width { get; init; }

    /// <summary>Image height, px.</summary>
    public required int Height { get; init; }

    /// <summary>World point (mm) at the image centre, x.</summary>
    public required double TargetXMm { get; init; }

    /// <summary>World point (mm) at the image centre, y.</summary>
    public required double TargetYMm { get; init; }

    /// <summary>Millimetres per pixel at the image centre before the pose scale (the "reference" scale).</summary>
    public double BaseMmPerPx { get; init; } = 0.05;

    /// <summary>Zoom relative to the reference scale (0.7–1.4): image size of a world feature is multiplied by this.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>Rotation about the optical axis, degrees (positive turns the image content clockwise on screen).</summary>
    public double RollDegrees { get; init; }

    /// <summary>Tilt about the camera's x axis, degrees (perspective foreshortening top/bottom).</summary>
    public double TiltXDegrees { get; init; }

    /// <summary>Tilt about the camera's y axis, degrees (perspective foreshortening left/right).</summary>
    public double TiltYDegrees { get; init; }

    /// <summary>Camera distance from the target, mm (smaller = stronger perspective for a given tilt).</summary>
    public double DistanceMm { get; init; } = 250;

    /// <summary>Scalp curvature as a smooth non-projective displacement (none when null).</summary>
    public CurvatureDistortion? Curvature { get; init; }

    /// <summary>Nominal mm per px at the image centre (BaseMmPerPx / Scale).</summary>
    public double MmPerPx => BaseMmPerPx / Scale;
}
