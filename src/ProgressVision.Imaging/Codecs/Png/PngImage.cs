using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// A decoded PNG with 8-bit samples. <see cref="Pixels"/> has <see cref="Channels"/> interleaved channels:
/// 1 = grey, 2 = grey + alpha, 3 = RGB, 4 = RGBA. Alpha is straight (not premultiplied).
/// </summary>
/// <remarks>
/// How the file's colour type maps to channels: greyscale → 1 (2 when tRNS names a transparent grey);
/// greyscale+alpha → 2; truecolour → 3 (4 when tRNS names a transparent colour); indexed → 3 (4 when tRNS
/// is present); truecolour+alpha → 4. A tRNS colour key becomes alpha 0 on matching pixels and 255 elsewhere,
/// compared at the file's full bit depth. Sub-byte greys are scaled to 0…255 (×255, ×85, ×17); 16-bit samples
/// keep their high byte (v &gt;&gt; 8), the rule PIL and libpng's strip-16 use. The owner disposes the image,
/// which returns the pixel memory to the pool.
/// </remarks>
public sealed class PngImage : IDisposable
{
    internal PngImage(PngHeader header, PixelBuffer<byte> pixels, byte[]? exif)
    {
        Header = header;
        Pixels = pixels;
        Exif = exif;
    }

    /// <summary>The IHDR of the file.</summary>
    public PngHeader Header { get; }

    /// <summary>The pixels: <see cref="Width"/> × <see cref="Height"/> × <see cref="Channels"/> bytes.</summary>
    public PixelBuffer<byte> Pixels { get; }

    /// <summary>Pixels per row.</summary>
    public int Width => Pixels.Width;

    /// <summary>Rows.</summary>
    public int Height => Pixels.Height;

    /// <summary>1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels => Pixels.Channels;

    /// <summary>True when the image has an alpha channel (2 or 4 channels).</summary>
    public bool HasAlpha => Channels is 2 or 4;

    /// <summary>The raw TIFF-structured payload of an eXIf chunk, or null when the file has none.</summary>
    public byte[]? Exif { get; }

    /// <inheritdoc />
    public void Dispose() => Pixels.Dispose();
}
