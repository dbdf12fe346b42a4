using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// A decoded PNG with 16-bit samples, for callers that need the full precision of 16-bit files. Channels
/// follow the same rules as <see cref="PngImage"/>. Samples of shallower files are scaled to 0…65535 exactly
/// (v × 65535 / (2^depth − 1): 8-bit × 257, 4-bit × 4369, 2-bit × 21845, 1-bit × 65535).
/// </summary>
public sealed class PngImage16 : IDisposable
{
    internal PngImage16(PngHeader header, PixelBuffer<ushort> pixels, byte[]? exif)
    {
        Header = header;
        Pixels = pixels;
        Exif = exif;
    }

    /// <summary>The IHDR of the file.</summary>
    public PngHeader Header { get; }

    /// <summary>The pixels: <see cref="Width"/> × <see cref="Height"/> × <see cref="Channels"/> samples.</summary>
    public PixelBuffer<ushort> Pixels { get; }

    /// <summary>Pixels per row.</summary>
    public int Width => Pixels.Width;

    /// <summary>Rows.</summary>
    public int Height => Pixels.Height;

    /// <summary>1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels => Pixels.Channels;

    /// <summary>The raw payload of an eXIf chunk, or null.</summary>
    public byte[]? Exif { get; }

    /// <inheritdoc />
    public void Dispose() => Pixels.Dispose();
}
