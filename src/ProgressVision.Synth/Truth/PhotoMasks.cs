using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Synth.Truth;

/// <summary>Per-pixel truth of one photo (single-channel buffers, photo size).</summary>
public sealed class PhotoMasks : IDisposable
{
    /// <summary>Creates empty masks.</summary>
    public PhotoMasks(int width, int height)
    {
        Regions = new PixelBuffer<byte>(width, height);
        Treated = new PixelBuffer<byte>(width, height);
        Pigment = new PixelBuffer<float>(width, height);
        Healing = new PixelBuffer<byte>(width, height);
        HairCoverage = new PixelBuffer<float>(width, height);
    }

    /// <summary><see cref="RegionLabel"/> codes: 0 background, 1 scalp, 2 hair.</summary>
    public PixelBuffer<byte> Regions { get; }

    /// <summary>1 where the world point is in the treated area (and on the scalp), else 0; hair not removed.</summary>
    public PixelBuffer<byte> Treated { get; }

    /// <summary>Pigment fraction 0..1 (union of visible dots' nominal outlines, supersampled).</summary>
    public PixelBuffer<float> Pigment { get; }

    /// <summary><see cref="Scene.HealingKind"/> codes per pixel (0 healthy) on scalp pixels.</summary>
    public PixelBuffer<byte> Healing { get; }

    /// <summary>Hair coverage 0..1.</summary>
    public PixelBuffer<float> HairCoverage { get; }

    /// <summary>True when pixel (x, y) is treated visible scalp (V in <see cref="TruthDefinitions"/>).</summary>
    public bool IsTreatedVisible(int x, int y) => Treated[x, y] != 0 && Regions[x, y] == RegionLabel.Scalp;

    /// <inheritdoc />
    public void Dispose()
    {
        Regions.Dispose();
        Treated.Dispose();
        Pigment.Dispose();
        Healing.Dispose();
        HairCoverage.Dispose();
    }
}
