using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>
/// Baseline JPEG encoder (ITU-T T.81, JFIF 1.01): 8-bit greyscale or YCbCr 4:2:0 / 4:2:2 / 4:4:4, IJG quality
/// scaling of the Annex K tables, standard or image-optimised Huffman tables, optional restart markers.
/// Input: 1 channel (grey) or 3/4 channels (RGB / RGBA; alpha is ignored because JPEG has none).
/// Writes JFIF APP0 and, only when asked, an EXIF APP1 with the Orientation tag alone — never GPS, time,
/// camera or any other metadata.
/// </summary>
public static class JpegEncoder
{
    /// <summary>Encodes <paramref name="image"/> to <paramref name="output"/>.</summary>
    public static void Encode(PixelBuffer<byte> image, Stream output, JpegEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Encode(image.Span, image.Width, image.Height, image.Channels, output, options);
    }

    /// <summary>Encodes <paramref name="image"/> into a new byte array.</summary>
    public static byte[] Encode(PixelBuffer<byte> image, JpegEncoderOptions? options = null)
    {
        using var ms = new MemoryStream();
        Encode(image, ms, options);
        return ms.ToArray();
    }

    /// <summary>Encodes <paramref name="image"/> to the file at <paramref name="path"/> (created or replaced).</summary>
    public static void EncodeFile(PixelBuffer<byte> image, string path, JpegEncoderOptions? options = null)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Encode(image, file, options);
    }

    /// <summary>Encodes packed interleaved 8-bit pixels (rows of <paramref name="width"/> × <paramref name="channels"/> bytes).</summary>
    /// <exception cref="ArgumentException">Unsupported channel count, size beyond 65 535, wrong span length or bad options.</exception>
    public static void Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels, Stream output, JpegEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= JpegEncoderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, JpegEncoderConstants.MaxDimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, JpegEncoderConstants.MaxDimension);
        if (channels is not (1 or 3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "JPEG input must have 1 (grey), 3 (RGB) or 4 (RGBA) channels.");
        }

        if ((long)width * height * channels != pixels.Length)
        {
            throw new ArgumentException($"pixels has {pixels.Length} bytes; {width}x{height}x{channels} needs {(long)width * height * channels}.", nameof(pixels));
        }

        if (options.Quality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Quality, "Quality must be 1…100.");
        }

        if (options.RestartInterval is < 0 or > 65_535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RestartInterval, "RestartInterval must be 0…65535 MCUs.");
        }

        if (options.Orientation is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Orientation, "Orientation must be 1…8 (EXIF).");
        }

        new JpegEncoderCore(width, height, channels, options).Encode(pixels, output);
    }
}
