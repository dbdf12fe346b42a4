namespace ProgressVision.Synth.Scene;

/// <summary>Skin tone classes, loosely following the Fitzpatrick scale (I very light … VI very dark).</summary>
public enum SkinTone
{
    /// <summary>Very light, pinkish.</summary>
    VeryLight = 1,

    /// <summary>Light.</summary>
    Light = 2,

    /// <summary>Light-medium (olive).</summary>
    Medium = 3,

    /// <summary>Medium-dark (tan).</summary>
    Tan = 4,

    /// <summary>Dark brown.</summary>
    Dark = 5,

    /// <summary>Very dark brown: pigment dots have the least contrast here.</summary>
    VeryDark = 6,
}
