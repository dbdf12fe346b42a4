using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Jpeg;

namespace ProgressVision.Imaging.Codecs;

/// <summary>
/// The one entry point for reading photos: sniffs the format by signature (JPEG or PNG) and decodes
/// to 8-bit RGB or gray with metadata.
/// </summary>
public static class ImageCodecs
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format <paramref name="data"/> starts with, by signature.</summary>
    public static ImageFormat DetectFormat(ReadOnlySpan<byte> data) =>
        JpegDecoder.IsJpeg(data) ? ImageFormat.Jpeg
        : data.StartsWith(PngSignature) ? ImageFormat.Png
        : ImageFormat.Unknown;

    /// <summary>Reads and decodes a file.</summary>
    /// <exception cref="InvalidImageException">Missing, unreadable, corrupt, truncated or not an image.</exception>
    /// <exception cref="UnsupportedImageFeatureException">A valid file using a feature we do not decode.</exception>
    public static DecodedImage Decode(string path, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InvalidImageException(path, $"cannot read the file ({ex.Message})", ex);
        }

        return Decode(data, path, options);
    }

    /// <summary>Reads a whole stream and decodes it.</summary>
    public static DecodedImage Decode(Stream stream, string? nameForErrors = null, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return Decode(ms.GetBuffer().AsSpan(0, (int)ms.Length), nameForErrors, options);
    }

    /// <summary>Decodes an image held in memory.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, string? nameForErrors = null, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        switch (DetectFormat(data))
        {
            case ImageFormat.Jpeg:
                return JpegDecoder.Decode(data, nameForErrors, options.ToJpegOptions());
            case ImageFormat.Png:
                // TODO(png): call ProgressVision.Imaging.Codecs.Png.PngDecoder.Decode once the PNG codec lands.
                throw new UnsupportedImageFeatureException(nameForErrors, "PNG decoding not yet available");
            default:
                throw new InvalidImageException(nameForErrors, data.Length == 0
                    ? "file is empty (0 bytes)"
                    : "not a JPEG or PNG file (unrecognised signature)");
        }
    }

    /// <summary>
    /// Returns 3-channel RGB: <paramref name="pixels"/> itself when it already is, otherwise a new
    /// buffer with gray copied into all three channels (the caller owns both).
    /// </summary>
    public static PixelBuffer<byte> ToRgb(PixelBuffer<byte> pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Channels == 3)
        {
            return pixels;
        }

        if (pixels.Channels != 1)
        {
            throw new ArgumentException($"Expected 1 or 3 channels, got {pixels.Channels}.", nameof(pixels));
        }

        var rgb = new PixelBuffer<byte>(pixels.Width, pixels.Height, 3, clear: false);
        var src = pixels.Span;
        var dst = rgb.Span;
        for (int i = 0; i < src.Length; i++)
        {
            byte g = src[i];
            dst[3 * i] = g;
            dst[(3 * i) + 1] = g;
            dst[(3 * i) + 2] = g;
        }

        return rgb;
    }
}
