namespace ProgressVision.Synth.Truth;

/// <summary>Per-pixel region label codes of <see cref="PhotoMasks.Regions"/>.</summary>
public static class RegionLabel
{
    /// <summary>Not scalp: clothes, cape, chair.</summary>
    public const byte Background = 0;

    /// <summary>Visible scalp skin (with or without pigment).</summary>
    public const byte Scalp = 1;

    /// <summary>Hair covering the scalp (coverage ≥ <see cref="TruthDefinitions.HairCoverageThreshold"/>).</summary>
    public const byte Hair = 2;
}
