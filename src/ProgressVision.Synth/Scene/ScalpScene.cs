namespace ProgressVision.Synth.Scene;

/// <summary>
/// The world: one client's scalp as a plane in millimetres (x right, y down), with skin, the treated
/// area, and its state at every session. Photos are projections of this plane (see
/// <see cref="Camera.PhotoProjection"/>); all truth is derived from it.
/// </summary>
public sealed record ScalpScene
{
    /// <summary>Seed everything below was drawn from; also seeds the procedural skin texture.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Width of the modelled plane, mm.</summary>
    public required double WidthMm { get; init; }

    /// <summary>Height of the modelled plane, mm.</summary>
    public required double HeightMm { get; init; }

    /// <summary>Skin tone.</summary>
    public required SkinTone Tone { get; init; }

    /// <summary>Base reflectance, the palette colour for <see cref="Tone"/> with a small per-client shift.</summary>
    public required LinearRgb SkinBase { get; init; }

    /// <summary>Strength of low-frequency mottling (0..1).</summary>
    public double Mottling { get; init; } = 0.5;

    /// <summary>Scalp outline; outside it is background (clothes, cape, chair).</summary>
    public required StarRegion Scalp { get; init; }

    /// <summary>Background reflectance.</summary>
    public required LinearRgb Background { get; init; }

    /// <summary>The treated area (where the practitioner places dots).</summary>
    public required StarRegion Treated { get; init; }

    /// <summary>Moles.</summary>
    public required IReadOnlyList<Mole> Moles { get; init; }

    /// <summary>Hair colour of this client.</summary>
    public required LinearRgb HairColour { get; init; }

    /// <summary>Sessions in order (index i holds session i + 1).</summary>
    public required IReadOnlyList<SessionState> Sessions { get; init; }

    /// <summary>The session with 1-based number <paramref name="number"/>.</summary>
    public SessionState Session(int number)
    {
        if (number < 1 || number > Sessions.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(number), $"Session {number} does not exist (scene has {Sessions.Count}).");
        }

        return Sessions[number - 1];
    }
}
