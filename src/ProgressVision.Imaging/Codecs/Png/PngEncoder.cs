using System.Buffers.Binary;
using System.IO.Compression;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// Encodes 8-bit images as non-interlaced PNG: 1 channel → greyscale, 2 → greyscale+alpha, 3 → RGB, 4 → RGBA
/// (straight alpha). Writes only IHDR, IDAT and IEND: no text, time, EXIF or any other metadata, so nothing about
/// where or when a photo was taken can leak through an exported image.
/// </summary>
public static class PngEncoder
{
    /// <summary>Encodes <paramref name="image"/> to <paramref name="output"/>.</summary>
    public static void Encode(PixelBuffer<byte> image, Stream output, PngEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Encode(image.Span, image.Width, image.Height, image.Channels, output, options);
    }

    /// <summary>Encodes <paramref name="image"/> into a new byte array.</summary>
    public static byte[] Encode(PixelBuffer<byte> image, PngEncoderOptions? options = null)
    {
        using var ms = new MemoryStream();
        Encode(image, ms, options);
        return ms.ToArray();
    }

    /// <summary>Encodes <paramref name="image"/> to the file at <paramref name="path"/> (created or replaced).</summary>
    public static void EncodeFile(PixelBuffer<byte> image, string path, PngEncoderOptions? options = null)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Encode(image, file, options);
    }

    /// <summary>Encodes packed interleaved pixels (rows of <paramref name="width"/> × <paramref name="channels"/> bytes).</summary>
    /// <exception cref="ArgumentException">Channels outside 1..4, non-positive size, or a span of the wrong length.</exception>
    public static void Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels, Stream output, PngEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        long stride = (long)width * channels;
        if (pixels.Length != stride * height)
        {
            throw new ArgumentException($"pixels has {pixels.Length} bytes; {width}x{height}x{channels} needs {stride * height}.", nameof(pixels));
        }

        options ??= PngEncoderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IdatChunkBytes, 1, nameof(options));
        byte colorType = channels switch
        {
            1 => (byte)PngColorType.Grayscale,
            2 => (byte)PngColorType.GrayscaleAlpha,
            3 => (byte)PngColorType.Truecolor,
            _ => (byte)PngColorType.TruecolorAlpha,
        };

        output.Write(PngConstants.Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr[4..], (uint)height);
        ihdr[8] = 8;
        ihdr[9] = colorType;
        ihdr[10] = ihdr[11] = ihdr[12] = 0;
        PngIdatWriter.WriteChunk(output, PngConstants.IHDR, ihdr);

        int rowBytes = (int)stride;
        var filter = new PngRowFilter(rowBytes, channels);
        byte[] zeros = new byte[rowBytes];
        var idat = new PngIdatWriter(output, options.IdatChunkBytes);
        using (var zlib = new ZLibStream(idat, options.Compression, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<byte> row = pixels.Slice(y * rowBytes, rowBytes);
                ReadOnlySpan<byte> previous = y == 0 ? zeros : pixels.Slice((y - 1) * rowBytes, rowBytes);
                zlib.Write(filter.Apply(row, previous, options.Filter));
            }
        }

        idat.Finish();
        PngIdatWriter.WriteChunk(output, PngConstants.IEND, []);
    }
}
