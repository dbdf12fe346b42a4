namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// Decodes PNG files (W3C PNG 2nd ed.): every colour type and bit depth, PLTE, tRNS, Adam7 interlacing and all
/// five filters, with every chunk's CRC checked. Output channels and sample scaling are described on
/// <see cref="PngImage"/>. Colour-space chunks (gAMA, cHRM, sRGB, iCCP, cICP) are not applied: samples are
/// returned as stored.
/// </summary>
/// <remarks>
/// Errors: unreadable data raises <see cref="InvalidImageException"/> naming the file and the problem;
/// images over the <see cref="PngDecoderOptions"/> limits raise <see cref="ImageTooLargeException"/> before any
/// pixel memory is allocated; an unknown critical chunk raises <see cref="UnsupportedImageFeatureException"/>.
/// </remarks>
public static class PngDecoder
{
    /// <summary>True when <paramref name="data"/> starts with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> data) =>
        data.Length >= PngConstants.Signature.Length && data[..PngConstants.Signature.Length].SequenceEqual(PngConstants.Signature);

    /// <summary>Reads only the signature and IHDR (checking its CRC and the limits).</summary>
    public static PngHeader Identify(ReadOnlyMemory<byte> data, PngDecoderOptions? options = null, string? fileName = null) =>
        new PngDecoderCore(data, options ?? PngDecoderOptions.Default, fileName).ReadChunks(headerOnly: true);

    /// <summary>Decodes a PNG held in memory into 8-bit samples.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="options">Limits; <see cref="PngDecoderOptions.Default"/> when null.</param>
    /// <param name="fileName">Named in error messages.</param>
    public static PngImage Decode(ReadOnlyMemory<byte> data, PngDecoderOptions? options = null, string? fileName = null)
    {
        var core = new PngDecoderCore(data, options ?? PngDecoderOptions.Default, fileName);
        PngHeader header = core.ReadChunks(headerOnly: false);
        return new PngImage(header, core.Decode8(), core.Exif);
    }

    /// <summary>Decodes a PNG held in memory into 16-bit samples (full precision for 16-bit files).</summary>
    public static PngImage16 Decode16(ReadOnlyMemory<byte> data, PngDecoderOptions? options = null, string? fileName = null)
    {
        var core = new PngDecoderCore(data, options ?? PngDecoderOptions.Default, fileName);
        PngHeader header = core.ReadChunks(headerOnly: false);
        return new PngImage16(header, core.Decode16(), core.Exif);
    }

    /// <summary>Reads <paramref name="stream"/> to its end and decodes it into 8-bit samples.</summary>
    public static PngImage Decode(Stream stream, PngDecoderOptions? options = null, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= PngDecoderOptions.Default;
        return Decode(ReadAll(stream, options.MaxInputBytes, fileName), options, fileName);
    }

    /// <summary>Decodes the PNG file at <paramref name="path"/> into 8-bit samples.</summary>
    public static PngImage DecodeFile(string path, PngDecoderOptions? options = null)
    {
        options ??= PngDecoderOptions.Default;
        return Decode(ReadFile(path, options), options, path);
    }

    /// <summary>Decodes the PNG file at <paramref name="path"/> into 16-bit samples.</summary>
    public static PngImage16 DecodeFile16(string path, PngDecoderOptions? options = null)
    {
        options ??= PngDecoderOptions.Default;
        return Decode16(ReadFile(path, options), options, path);
    }

    private static byte[] ReadFile(string path, PngDecoderOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long length = new FileInfo(path).Length;
        if (length > options.MaxInputBytes)
        {
            PngThrowHelper.TooLarge(path, $"file has {length} bytes, above the {options.MaxInputBytes}-byte input limit");
        }

        return File.ReadAllBytes(path);
    }

    private static byte[] ReadAll(Stream stream, long limit, string? fileName)
    {
        using var copy = new MemoryStream();
        byte[] chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (copy.Length + n > limit)
            {
                PngThrowHelper.TooLarge(fileName, $"stream is longer than the {limit}-byte input limit");
            }

            copy.Write(chunk, 0, n);
        }

        return copy.ToArray();
    }
}
