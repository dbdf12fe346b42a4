using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Exif;
using ProgressVision.Imaging.Codecs.Jpeg;
using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Imaging.Codecs;

/// <summary>
/// The one entry point for reading photos: sniffs the format by signature (JPEG or PNG) and decodes
/// to 8-bit RGB or gray with metadata. PNG alpha is dropped (photos are opaque; a transparent PNG
/// keeps its colour channels as stored).
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

        return Decode(data.AsMemory(), path, options);
    }

    /// <summary>Reads a whole stream and decodes it.</summary>
    public static DecodedImage Decode(Stream stream, string? nameForErrors = null, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return Decode(ms.GetBuffer().AsMemory(0, (int)ms.Length), nameForErrors, options);
    }

    /// <summary>Decodes an image held in memory.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, string? nameForErrors = null, DecodeOptions? options = null) =>
        DetectFormat(data) == ImageFormat.Png
            ? Decode(data.ToArray().AsMemory(), nameForErrors, options) // the PNG decoder reads from memory it may keep
            : Decode(ReadOnlyMemory<byte>.Empty, data, nameForErrors, options);

    /// <summary>Decodes an image held in an array.</summary>
    public static DecodedImage Decode(byte[] data, string? nameForErrors = null, DecodeOptions? options = null) =>
        Decode(new ReadOnlyMemory<byte>(data ?? throw new ArgumentNullException(nameof(data))), nameForErrors, options);

    /// <summary>Decodes an image held in memory.</summary>
    public static DecodedImage Decode(ReadOnlyMemory<byte> data, string? nameForErrors = null, DecodeOptions? options = null) =>
        Decode(data, data.Span, nameForErrors, options);

    private static DecodedImage Decode(ReadOnlyMemory<byte> memory, ReadOnlySpan<byte> data, string? nameForErrors, DecodeOptions? options)
    {
        options ??= DecodeOptions.Default;
        switch (DetectFormat(data))
        {
            case ImageFormat.Jpeg:
                return JpegDecoder.Decode(data, nameForErrors, options.ToJpegOptions());
            case ImageFormat.Png:
                return DecodePng(memory, nameForErrors, options);
            default:
                throw new InvalidImageException(nameForErrors, data.Length == 0
                    ? "file is empty (0 bytes)"
                    : "not a JPEG or PNG file (unrecognised signature)");
        }
    }

    private static DecodedImage DecodePng(ReadOnlyMemory<byte> data, string? name, DecodeOptions options)
    {
        var png = PngDecoder.Decode(data, new PngDecoderOptions { MaxPixels = options.MaxPixels, MaxDimension = options.MaxDimension }, name);
        PixelBuffer<byte> pixels = png.Pixels;
        try
        {
            if (pixels.Channels is 2 or 4)
            {
                var opaque = DropAlpha(pixels);
                pixels.Dispose();
                pixels = opaque;
            }

            var exif = png.Exif is { } e ? ExifReader.ReadTiff(e) : ExifData.Empty;
            var metadata = new ImageMetadata(exif.Orientation, exif.CaptureDate, exif.Make, exif.Model, exif.HasGps, png.Width, png.Height);
            if (options.ApplyOrientation && exif.Orientation != 1)
            {
                var oriented = ExifOrientation.Apply(pixels, exif.Orientation);
                if (!ReferenceEquals(oriented, pixels))
                {
                    pixels.Dispose();
                    pixels = oriented;
                }
            }

            return new DecodedImage(pixels, metadata, ImageFormat.Png);
        }
        catch
        {
            pixels.Dispose();
            throw;
        }
    }

    private static PixelBuffer<byte> DropAlpha(PixelBuffer<byte> source)
    {
        int inCh = source.Channels;
        int outCh = inCh - 1;
        var dst = new PixelBuffer<byte>(source.Width, source.Height, outCh, clear: false);
        var s = source.Span;
        var d = dst.Span;
        int n = source.Width * source.Height;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < outCh; c++)
            {
                d[(i * outCh) + c] = s[(i * inCh) + c];
            }
        }

        return dst;
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
