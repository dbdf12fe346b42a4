using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// Decodes baseline and progressive Huffman JPEG (8-bit, gray or YCbCr/RGB, any sampling factors)
/// in pure managed code. Output matches libjpeg-turbo's <c>djpeg</c> (islow IDCT, fancy upsampling).
/// Arithmetic coding, 12-bit, lossless, hierarchical and 4-component files raise
/// <see cref="UnsupportedImageFeatureException"/>; corrupt or truncated files raise
/// <see cref="InvalidImageException"/>; oversized ones <see cref="ImageTooLargeException"/>.
/// </summary>
public static class JpegDecoder
{
    /// <summary>True when <paramref name="data"/> starts with the JPEG SOI marker and another marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    /// <summary>Decodes a whole JPEG held in memory.</summary>
    /// <param name="data">The file contents.</param>
    /// <param name="fileName">Name used in error messages (may be null).</param>
    /// <param name="options">Limits and choices; <see cref="JpegDecoderOptions.Default"/> when null.</param>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, string? fileName = null, JpegDecoderOptions? options = null)
    {
        options ??= JpegDecoderOptions.Default;
        using var core = new JpegDecoderCore(fileName, options);
        PixelBuffer<byte> pixels;
        try
        {
            pixels = core.Decode(data);
        }
        catch (OutOfMemoryException ex)
        {
            throw new InvalidImageException(fileName, $"not enough memory to decode a {core.Width}x{core.Height} image", ex);
        }

        var exif = core.Exif;
        var metadata = new ImageMetadata(exif.Orientation, exif.CaptureDate, exif.Make, exif.Model, exif.HasGps, core.Width, core.Height);
        if (options.ApplyOrientation && exif.Orientation != 1)
        {
            var oriented = ExifOrientation.Apply(pixels, exif.Orientation);
            if (!ReferenceEquals(oriented, pixels))
            {
                pixels.Dispose();
                pixels = oriented;
            }
        }

        return new DecodedImage(pixels, metadata, ImageFormat.Jpeg);
    }

    /// <summary>Reads size and Exif metadata without decoding pixels.</summary>
    public static ImageMetadata Identify(ReadOnlySpan<byte> data, string? fileName = null, JpegDecoderOptions? options = null)
    {
        using var core = new JpegDecoderCore(fileName, options ?? JpegDecoderOptions.Default);
        core.Identify(data);
        var exif = core.Exif;
        return new ImageMetadata(exif.Orientation, exif.CaptureDate, exif.Make, exif.Model, exif.HasGps, core.Width, core.Height);
    }
}
