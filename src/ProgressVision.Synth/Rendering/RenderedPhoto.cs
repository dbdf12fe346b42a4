using ProgressVision.Imaging.Buffers;
using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Rendering;

/// <summary>A rendered photo (8-bit sRGB, 3 channels), its truth and masks. Dispose to return the buffers.</summary>
public sealed class RenderedPhoto : IDisposable
{
    internal RenderedPhoto(PixelBuffer<byte> rgb, PhotoTruth truth, PhotoMasks masks, PhotoProjection projection, PhotoConditions conditions)
    {
        Rgb = rgb;
        Truth = truth;
        Masks = masks;
        Projection = projection;
        Conditions = conditions;
    }

    /// <summary>The photo: interleaved 8-bit sRGB.</summary>
    public PixelBuffer<byte> Rgb { get; }

    /// <summary>Dots, metrics, polygons.</summary>
    public PhotoTruth Truth { get; }

    /// <summary>Per-pixel truth.</summary>
    public PhotoMasks Masks { get; }

    /// <summary>Exact world ↔ image mapping of this photo.</summary>
    public PhotoProjection Projection { get; }

    /// <summary>Photometric conditions used.</summary>
    public PhotoConditions Conditions { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Rgb.Dispose();
        Masks.Dispose();
    }
}
