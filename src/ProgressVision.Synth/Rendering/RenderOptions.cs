namespace ProgressVision.Synth.Rendering;

/// <summary>What to include in a render (tests switch parts off to isolate one effect).</summary>
public sealed record RenderOptions
{
    /// <summary>Mottling, grain, pores and moles (off = flat skin colour).</summary>
    public bool SkinTexture { get; init; } = true;

    /// <summary>Hair strands.</summary>
    public bool Hair { get; init; } = true;

    /// <summary>Lighting, white balance, exposure, blur and noise from the photo conditions (off = clean).</summary>
    public bool CameraEffects { get; init; } = true;

    /// <summary>Everything on.</summary>
    public static RenderOptions Default { get; } = new();

    /// <summary>Flat skin, no hair, no camera effects: dots on a uniform background, for truth checks.</summary>
    public static RenderOptions Clean { get; } = new() { SkinTexture = false, Hair = false, CameraEffects = false };
}
