namespace ProgressVision.Synth.Scene;

/// <summary>Healing conditions the healing model must recognise. Values are the per-pixel label codes.</summary>
public enum HealingKind
{
    /// <summary>No healing issue.</summary>
    Healthy = 0,

    /// <summary>Erythema after a session: raised a* (redness) fading over days.</summary>
    Redness = 1,

    /// <summary>Dots of earlier sessions lost contrast or vanished in a patch.</summary>
    PatchyFade = 2,

    /// <summary>Ink spread under the skin: bigger dots with blue-grey halos.</summary>
    Blowout = 3,
}

/// <summary>A region of the scalp with a healing condition at one session.</summary>
/// <param name="Kind">The condition.</param>
/// <param name="Region">Where, in world millimetres.</param>
/// <param name="Strength">0..1: redness intensity, fraction of contrast lost, or spread factor.</param>
public sealed record HealingRegion(HealingKind Kind, StarRegion Region, double Strength);
