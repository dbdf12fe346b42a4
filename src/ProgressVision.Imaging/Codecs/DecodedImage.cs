using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs;

/// <summary>
/// A decoded photo: 8-bit pixels (3-channel RGB or 1-channel gray, oriented upright unless the
/// caller asked otherwise), its metadata and the format it came from. Owns <see cref="Pixels"/>.
/// </summary>
public sealed class DecodedImage : IDisposable
{
    /// <summary>Creates the result; takes ownership of <paramref name="pixels"/>.</summary>
    public DecodedImage(PixelBuffer<byte> pixels, ImageMetadata metadata, ImageFormat format)
    {
        Pixels = pixels;
        Metadata = metadata;
        Format = format;
    }

    /// <summary>The pixels: 3 channels (R, G, B) or 1 channel (gray).</summary>
    public PixelBuffer<byte> Pixels { get; }

    /// <summary>Metadata read from the file.</summary>
    public ImageMetadata Metadata { get; }

    /// <summary>Format of the source file.</summary>
    public ImageFormat Format { get; }

    /// <summary>Width of <see cref="Pixels"/>.</summary>
    public int Width => Pixels.Width;

    /// <summary>Height of <see cref="Pixels"/>.</summary>
    public int Height => Pixels.Height;

    /// <inheritdoc />
    public void Dispose() => Pixels.Dispose();
}
