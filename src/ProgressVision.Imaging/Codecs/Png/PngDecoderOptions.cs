namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// Limits and choices for <see cref="PngDecoder"/>. The limits are checked against IHDR before any pixel
/// memory is allocated, and the decompressor is never asked for more bytes than IHDR implies, so a small
/// file cannot make the decoder allocate or inflate without bound (a "decompression bomb").
/// </summary>
public sealed record PngDecoderOptions
{
    /// <summary>The defaults: 120 megapixels, 65 535 pixels per side, 1 GiB of input.</summary>
    public static PngDecoderOptions Default { get; } = new();

    /// <summary>Largest width × height accepted; larger images raise <see cref="ImageTooLargeException"/>.</summary>
    public long MaxPixels { get; init; } = 120_000_000;

    /// <summary>Largest width or height accepted; larger images raise <see cref="ImageTooLargeException"/>.</summary>
    public int MaxDimension { get; init; } = 65_535;

    /// <summary>Largest input read from a stream or file, in bytes.</summary>
    public long MaxInputBytes { get; init; } = 1L << 30;
}
