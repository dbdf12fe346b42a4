namespace ProgressVision.Synth.Camera;

/// <summary>Lighting and camera-response conditions of one photo (everything except geometry).</summary>
public sealed record PhotoConditions
{
    /// <summary>Exposure change, EV (±1 typical). Multiplies linear radiance by 2^EV.</summary>
    public double ExposureEv { get; init; }

    /// <summary>White-balance gains on linear R, G, B (camera picked a wrong illuminant).</summary>
    public double[] WhiteBalance { get; init; } = [1.0, 1.0, 1.0];

    /// <summary>Overall illumination level (linear), before exposure.</summary>
    public double Illumination { get; init; } = 1.0;

    /// <summary>Linear illumination gradient across the image: relative change from centre to the edge along <see cref="GradientAngleDegrees"/>.</summary>
    public double GradientStrength { get; init; }

    /// <summary>Direction of increasing light, degrees.</summary>
    public double GradientAngleDegrees { get; init; }

    /// <summary>Vignetting: relative fall-off at the image corners.</summary>
    public double Vignetting { get; init; } = 0.08;

    /// <summary>Specular highlight centre, as fractions of width and height.</summary>
    public double SpecularX { get; init; } = 0.5;

    /// <summary>Specular highlight centre, fraction of height.</summary>
    public double SpecularY { get; init; } = 0.4;

    /// <summary>Specular lobe radius as a fraction of the image diagonal.</summary>
    public double SpecularRadius { get; init; } = 0.12;

    /// <summary>Peak added reflectance of the highlight (0 = matte).</summary>
    public double SpecularStrength { get; init; }

    /// <summary>Defocus: Gaussian σ, px (0 = sharp).</summary>
    public double BlurSigmaPx { get; init; }

    /// <summary>Sensor noise: σ of additive noise in 8-bit units at mid grey (signal-dependent).</summary>
    public double NoiseSigma { get; init; }

    /// <summary>JPEG quality when saved as JPEG (0 = save losslessly).</summary>
    public int JpegQuality { get; init; }

    /// <summary>A clean photo: even light, no blur, no noise.</summary>
    public static PhotoConditions Clean { get; } = new() { Vignetting = 0 };
}
