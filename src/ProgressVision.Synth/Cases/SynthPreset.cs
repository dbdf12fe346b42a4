namespace ProgressVision.Synth.Cases;

/// <summary>Difficulty presets for generated cases.</summary>
public enum SynthPreset
{
    /// <summary>Light-to-tan skin, shaved, small pose change, mild light change, no curvature.</summary>
    Easy = 0,

    /// <summary>Everything drawn over its full range (the default).</summary>
    Mixed = 1,

    /// <summary>Dark skin, lower ink contrast, long hair, defocus, strong light/white-balance/exposure change, noise.</summary>
    Hard = 2,

    /// <summary>Scalp curvature: the exact mapping differs from the best homography by 1–2 px.</summary>
    Curved = 3,

    /// <summary>The two photos show unrelated areas (registration must fail cleanly).</summary>
    NoOverlap = 4,

    /// <summary>Strong healing conditions: redness, patchy fade and blowout.</summary>
    Healing = 5,
}
