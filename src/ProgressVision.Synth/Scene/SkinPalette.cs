namespace ProgressVision.Synth.Scene;

/// <summary>
/// Base reflectances for each <see cref="SkinTone"/>, read off shaved-scalp photos (sRGB of evenly lit,
/// pore-free patches) and converted to linear light. Scalp skin is slightly redder and less saturated
/// than facial skin; the darker tones keep a warm brown cast.
/// </summary>
public static class SkinPalette
{
    /// <summary>Base skin reflectance for a tone.</summary>
    public static LinearRgb Base(SkinTone tone) => tone switch
    {
        SkinTone.VeryLight => LinearRgb.FromSrgb(236, 200, 186),
        SkinTone.Light => LinearRgb.FromSrgb(222, 178, 152),
        SkinTone.Medium => LinearRgb.FromSrgb(198, 152, 118),
        SkinTone.Tan => LinearRgb.FromSrgb(166, 118, 88),
        SkinTone.Dark => LinearRgb.FromSrgb(118, 80, 60),
        SkinTone.VeryDark => LinearRgb.FromSrgb(78, 54, 44),
        _ => throw new ArgumentOutOfRangeException(nameof(tone), tone, "Unknown skin tone."),
    };

    /// <summary>
    /// Reflectance of fully saturated SMP pigment (carbon-based, seen through the epidermis): a cool
    /// dark grey, a little bluer than black because the dermis scatters blue back (the Tyndall effect
    /// that also makes old tattoos and blowouts look blue-grey).
    /// </summary>
    public static LinearRgb Pigment => LinearRgb.FromSrgb(38, 38, 44);

    /// <summary>Colour of the diffuse halo around a blown-out dot.</summary>
    public static LinearRgb BlowoutHalo => LinearRgb.FromSrgb(96, 104, 122);

    /// <summary>Hair colours: black, dark brown, mid brown, light brown/blond, grey.</summary>
    public static IReadOnlyList<LinearRgb> HairColours { get; } =
    [
        LinearRgb.FromSrgb(22, 20, 20),
        LinearRgb.FromSrgb(46, 34, 28),
        LinearRgb.FromSrgb(86, 62, 42),
        LinearRgb.FromSrgb(150, 118, 78),
        LinearRgb.FromSrgb(150, 148, 146),
    ];

    /// <summary>Mole colour for a tone: a darker, more saturated brown than the skin.</summary>
    public static LinearRgb Mole(SkinTone tone) => Base(tone).Times(new LinearRgb(0.45, 0.36, 0.32));
}
