namespace ProgressVision.Synth.Scene;

/// <summary>The knobs a scene is generated from (presets fill these; every draw comes from the seed).</summary>
public sealed record SceneRecipe
{
    /// <summary>Skin tone.</summary>
    public SkinTone Tone { get; init; } = SkinTone.Medium;

    /// <summary>Number of sessions, ≥ 1.</summary>
    public int Sessions { get; init; } = 2;

    /// <summary>Cumulative target density after each session, dots/cm² (20–120); the last value repeats.</summary>
    public double[] DensityPerCm2 { get; init; } = [45, 80];

    /// <summary>Dot diameter range, mm.</summary>
    public double MinDotDiameterMm { get; init; } = 0.25;

    /// <summary>Dot diameter range, mm.</summary>
    public double MaxDotDiameterMm { get; init; } = 0.6;

    /// <summary>Mean ink opacity of fresh dots (lower = less contrast).</summary>
    public double DotOpacity { get; init; } = 0.88;

    /// <summary>Deliberate gaps in the first session.</summary>
    public int Gaps { get; init; } = 2;

    /// <summary>Clumps of close dots.</summary>
    public int Clumps { get; init; } = 3;

    /// <summary>
    /// Minimum spacing of the regularly placed dots as a fraction of the mean spacing 1/√ρ: ≈0.75 is the
    /// even, nearly grid-like work of a practised hand, 0.6 even but irregular, ≈0.1 random placement with
    /// chance clusters and holes. Uniformity varies this much between practitioners.
    /// </summary>
    public double SpacingFactor { get; init; } = 0.6;

    /// <summary>
    /// Fraction of each session's dots placed right next to an earlier dot instead of at a random free
    /// spot: clumped, gappy work (0 = none).
    /// </summary>
    public double ClumpedFraction { get; init; }

    /// <summary>Hair style.</summary>
    public HairStyle Hair { get; init; } = HairStyle.Shaved;

    /// <summary>Hair-colour index into <see cref="SkinPalette.HairColours"/> (−1 = random).</summary>
    public int HairColourIndex { get; init; } = -1;

    /// <summary>Moles in the scene.</summary>
    public int Moles { get; init; } = 2;

    /// <summary>Redness strength of the freshest work (0 = none).</summary>
    public double Redness { get; init; } = 0.3;

    /// <summary>Patchy-fade patches appearing at each later session.</summary>
    public int FadePatches { get; init; } = 1;

    /// <summary>Blowout patches appearing at each later session.</summary>
    public int BlowoutPatches { get; init; }

    /// <summary>Date of the first session.</summary>
    public DateOnly FirstSession { get; init; } = new(2026, 3, 2);

    /// <summary>Mottling strength 0..1.</summary>
    public double Mottling { get; init; } = 0.5;
}
