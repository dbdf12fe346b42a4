namespace ProgressVision.Analysis.Dots;

/// <summary>Limits and thresholds of <see cref="DotDetector"/>. Defaults suit dots 3–12 px across.</summary>
public sealed record DotDetectionOptions
{
    /// <summary>
    /// Smallest dot radius reported, px (measured half-depth radius). Pores and sensor-noise blobs
    /// are smaller; defocus enlarges them only while fading their contrast below <see cref="MinContrast"/>.
    /// </summary>
    public double MinRadius { get; init; } = 1.5;

    /// <summary>Largest dot radius reported, px; larger dark blobs are taken as moles or shadows.</summary>
    public double MaxRadius { get; init; } = 7.5;

    /// <summary>Scale-space octaves searched (octave o covers σ ≈ 1.1·2^o … 2.2·2^o px).</summary>
    public int Octaves { get; init; } = 3;

    /// <summary>
    /// First octave searched; finer octaves are only blurred and halved. Raise it when the smallest
    /// dot is several pixels across (high-resolution photos): each step quarters the work.
    /// </summary>
    public int FirstOctave { get; init; }

    /// <summary>
    /// Smallest "ink area" contrast × π·radius² (px²): the area of a black disc that darkens the skin
    /// as much as the dot. Blur trades radius for contrast but keeps this, so it separates pores and
    /// noise blobs from faint or defocused dots.
    /// </summary>
    public double MinInkArea { get; init; } = 2.0;

    /// <summary>
    /// Options for a known scale: dots 0.2–1.2 mm across (SMP is 0.3–1 mm), octaves chosen to span
    /// those sizes, the ink-area floor scaled with the pixel area.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive scale.</exception>
    public static DotDetectionOptions ForMmPerPx(double mmPerPx)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mmPerPx);
        double rMin = Math.Max(1.2, 0.1 / mmPerPx), rMax = Math.Max(rMin * 2, 0.6 / mmPerPx);

        // DoG level j of octave o has σ ≈ 1.12·2^(o + j/3); a disc of radius r peaks near σ = r/√2.
        int first = Math.Max(0, (int)Math.Floor(Math.Log2(rMin / Math.Sqrt(2) / 1.12)));
        int last = Math.Max(first, (int)Math.Ceiling(Math.Log2(rMax / Math.Sqrt(2) / 2.24)));
        return new DotDetectionOptions
        {
            MinRadius = rMin,
            MaxRadius = rMax,
            FirstOctave = first,
            Octaves = last + 1,
            MinInkArea = 2.0 * (0.05 / mmPerPx) * (0.05 / mmPerPx),
        };
    }

    /// <summary>
    /// Smallest scale-normalised DoG response (darkness units) for a candidate. A Gaussian dot of
    /// contrast c peaks near 0.13·c with three scales per octave, so 0.012 admits contrast ≈ 0.09.
    /// </summary>
    public double MinResponse { get; init; } = 0.012;

    /// <summary>Response threshold as a multiple of the estimated DoG noise (whichever is larger wins).</summary>
    public double NoiseFactor { get; init; } = 4.0;

    /// <summary>
    /// Smallest measured contrast (1 − L/L_skin) kept. Ink at 30% opacity (the visibility limit of
    /// Synth's truth) gives 0.15 on very dark skin and 0.25 on light skin.
    /// </summary>
    public double MinContrast { get; init; } = 0.12;

    /// <summary>
    /// SIFT-style edge limit: principal-curvature ratio r above which a blob counts as elongated
    /// (hair, stubble, edges); tested as tr²/det &lt; (r+1)²/r.
    /// </summary>
    public double MaxCurvatureRatio { get; init; } = 4.0;

    /// <summary>
    /// Faintest ink kept, as a fraction of full-strength ink on this skin (estimated from the dots
    /// themselves); Synth's truth counts dots from 30% opacity.
    /// </summary>
    public double VisibleOpacity { get; init; } = 0.3;

    /// <summary>
    /// Smallest ink (contrast × radius²) as a fraction of the photo's 90th-percentile dot ink: rejects
    /// pores and skin texture that pass the contrast floor on dark skin but are much smaller than the
    /// dots. 0 disables it.
    /// </summary>
    public double MinRelativeInk { get; init; } = 0.2;

    /// <summary>
    /// Largest second-moment ratio λ₁/λ₂ of a dot's dark core: an ellipse of aspect b/a gives
    /// (a/b)², so 3.2 keeps dots down to aspect 0.56 and rejects stubble and hair segments.
    /// </summary>
    public double MaxElongation { get; init; } = 3.2;

    /// <summary>
    /// Colour test (RGB photos): a blob is pigment when its cooling shift (<see cref="DotColour"/>:
    /// ln(B/R) of its centre minus that of the skin around it) is at least this fraction of κ·contrast,
    /// κ being the shift per unit contrast of the photo's clearly sized dots. A pore or skin fold has
    /// shift 0 (it darkens all channels alike); 0.5 is the midpoint between the two colour models.
    /// </summary>
    public double PigmentColourFraction { get; init; } = 0.5;

    /// <summary>
    /// Cooling shift, in units of its own noise (the ring's per-pixel ln(B/R) spread over the centre
    /// weights), that makes a blob's pigment colour significant. Blobs that pass only the relaxed
    /// Confirmed… floors must reach it; significant blobs are also spared the <see cref="MinRelativeInk"/> test.
    /// </summary>
    public double ColourSignificance { get; init; } = 3.0;

    /// <summary>
    /// With colour, blobs down to this fraction of <see cref="MinRadius"/> are measured and kept when
    /// their pigment colour is significant: blur and noise on very dark skin shrink the measured
    /// half-depth radius of 0.25 mm dots below the floor that otherwise keeps pores out.
    /// </summary>
    public double ConfirmedMinRadiusFactor { get; init; } = 0.75;

    /// <summary>
    /// With colour, blobs up to this multiple of <see cref="MaxElongation"/> are kept when their pigment
    /// colour is significant: pixel noise makes a faint dot's half-depth core ragged. Hair stays out
    /// through <see cref="MaxCoherence"/> and the DoG curvature test (<see cref="MaxCurvatureRatio"/>).
    /// </summary>
    public double ConfirmedMaxElongationFactor { get; init; } = 1.6;

    /// <summary>
    /// With colour, scale-space responses down to this fraction of the detection threshold
    /// (<see cref="MinResponse"/>, <see cref="NoiseFactor"/>) are searched, and those below the full threshold
    /// are kept when their pigment colour is significant: on very dark skin under blur a faint dot's response
    /// is within a noise σ or two of the threshold that keeps noise blobs out of the colourless path.
    /// </summary>
    public double ConfirmedResponseFactor { get; init; } = 0.75;

    /// <summary>
    /// With colour, scale-space extrema up to this multiple of <see cref="MaxCurvatureRatio"/> are searched,
    /// and those beyond it are kept when their pigment colour is significant: the Hessian of a faint dot on
    /// noisy skin is as lopsided as a short hair's. Hair stays out through <see cref="MaxCoherence"/>, the
    /// profile's elongation and its colour.
    /// </summary>
    public double ConfirmedCurvatureRatioFactor { get; init; } = 2.5;

    /// <summary>Structure-tensor coherence (0 isotropic … 1 one orientation) around a dot above which it lies on hair.</summary>
    public double MaxCoherence { get; init; } = 0.55;

    /// <summary>Side of the square blocks whose bright percentile estimates the skin luminance, px.</summary>
    public int BackgroundBlock { get; init; } = 32;

    /// <summary>Percentile of block luminance taken as skin (dots and hair are darker than skin).</summary>
    public double BackgroundPercentile { get; init; } = 0.75;

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its valid range.</exception>
    public void Validate()
    {
        if (!(MinRadius > 0) || !(MaxRadius > MinRadius))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRadius), $"Need 0 < MinRadius < MaxRadius, got {MinRadius} and {MaxRadius}.");
        }

        if (Octaves is < 1 or > 8 || FirstOctave < 0 || FirstOctave >= Octaves)
        {
            throw new ArgumentOutOfRangeException(nameof(Octaves), $"Need 0 ≤ FirstOctave < Octaves ≤ 8, got {FirstOctave} and {Octaves}.");
        }

        if (BackgroundBlock < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(BackgroundBlock), $"BackgroundBlock must be at least 8 px, got {BackgroundBlock}.");
        }

        if (BackgroundPercentile is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BackgroundPercentile), $"BackgroundPercentile must be in (0,1), got {BackgroundPercentile}.");
        }

        if (MinRelativeInk is < 0 or >= 1 || double.IsNaN(MinRelativeInk))
        {
            throw new ArgumentOutOfRangeException(nameof(MinRelativeInk), $"MinRelativeInk must be in [0,1), got {MinRelativeInk}.");
        }

        if (ConfirmedMinRadiusFactor is <= 0 or > 1 || !(ConfirmedMaxElongationFactor >= 1) || double.IsNaN(ConfirmedMinRadiusFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(ConfirmedMinRadiusFactor), $"Need ConfirmedMinRadiusFactor in (0,1] and ConfirmedMaxElongationFactor ≥ 1, got {ConfirmedMinRadiusFactor} and {ConfirmedMaxElongationFactor}.");
        }

        if (ConfirmedResponseFactor is <= 0 or > 1 || double.IsNaN(ConfirmedResponseFactor) || !(ConfirmedCurvatureRatioFactor >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ConfirmedResponseFactor), $"Need ConfirmedResponseFactor in (0,1] and ConfirmedCurvatureRatioFactor ≥ 1, got {ConfirmedResponseFactor} and {ConfirmedCurvatureRatioFactor}.");
        }

        if (!(PigmentColourFraction >= 0) || !(ColourSignificance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(PigmentColourFraction), $"PigmentColourFraction and ColourSignificance must be non-negative, got {PigmentColourFraction} and {ColourSignificance}.");
        }

        if (!(MaxCurvatureRatio > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCurvatureRatio), $"MaxCurvatureRatio must exceed 1, got {MaxCurvatureRatio}.");
        }
    }
}
