namespace ProgressVision.Analysis.Dots;

/// <summary>Limits and thresholds of <see cref="DotDetector"/>. Defaults suit dots 3–12 px across.</summary>
public sealed record DotDetectionOptions
{
    /// <summary>Smallest dot radius reported, px.</summary>
    public double MinRadius { get; init; } = 1.2;

    /// <summary>Largest dot radius reported, px; larger dark blobs are taken as moles or shadows.</summary>
    public double MaxRadius { get; init; } = 7.5;

    /// <summary>Scale-space octaves searched (octave o covers σ ≈ 1.1·2^o … 2.2·2^o px).</summary>
    public int Octaves { get; init; } = 3;

    /// <summary>
    /// Smallest scale-normalised DoG response (darkness units) for a candidate. A Gaussian dot of
    /// contrast c peaks near 0.13·c with three scales per octave, so 0.012 admits contrast ≈ 0.09.
    /// </summary>
    public double MinResponse { get; init; } = 0.012;

    /// <summary>Response threshold as a multiple of the estimated DoG noise (whichever is larger wins).</summary>
    public double NoiseFactor { get; init; } = 4.0;

    /// <summary>Smallest measured contrast (1 − L/L_skin) kept.</summary>
    public double MinContrast { get; init; } = 0.06;

    /// <summary>
    /// SIFT-style edge limit: principal-curvature ratio r above which a blob counts as elongated
    /// (hair, stubble, edges); tested as tr²/det &lt; (r+1)²/r.
    /// </summary>
    public double MaxCurvatureRatio { get; init; } = 4.0;

    /// <summary>Structure-tensor coherence (0 isotropic … 1 one orientation) around a dot above which it lies on hair.</summary>
    public double MaxCoherence { get; init; } = 0.55;

    /// <summary>Side of the square blocks whose bright percentile estimates the skin luminance, px.</summary>
    public int BackgroundBlock { get; init; } = 32;

    /// <summary>Percentile of block luminance taken as skin (dots and hair are darker than skin).</summary>
    public double BackgroundPercentile { get; init; } = 0.75;

    /// <summary>Dots whose contrast exceeds the population median by this many MADs and are also large are rejected as moles.</summary>
    public double MoleContrastMads { get; init; } = 8.0;

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its valid range.</exception>
    public void Validate()
    {
        if (!(MinRadius > 0) || !(MaxRadius > MinRadius))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRadius), $"Need 0 < MinRadius < MaxRadius, got {MinRadius} and {MaxRadius}.");
        }

        if (Octaves is < 1 or > 6)
        {
            throw new ArgumentOutOfRangeException(nameof(Octaves), $"Octaves must be 1..6, got {Octaves}.");
        }

        if (BackgroundBlock < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(BackgroundBlock), $"BackgroundBlock must be at least 8 px, got {BackgroundBlock}.");
        }

        if (BackgroundPercentile is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BackgroundPercentile), $"BackgroundPercentile must be in (0,1), got {BackgroundPercentile}.");
        }

        if (!(MaxCurvatureRatio > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCurvatureRatio), $"MaxCurvatureRatio must exceed 1, got {MaxCurvatureRatio}.");
        }
    }
}
