namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>Limits and choices for <see cref="JpegDecoder"/>.</summary>
public sealed record JpegDecoderOptions
{
    /// <summary>Default for <see cref="MaxPixels"/>: 120 megapixels.</summary>
    public const long DefaultMaxPixels = 120_000_000;

    /// <summary>Default for <see cref="MaxDimension"/>.</summary>
    public const int DefaultMaxDimension = 65500;

    /// <summary>Shared default instance.</summary>
    public static JpegDecoderOptions Default { get; } = new();

    /// <summary>
    /// Largest width × height (of the full-size frame, before any reduced-size decode) accepted.
    /// Checked against the frame header before any pixel buffer is allocated.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Largest width or height accepted.</summary>
    public int MaxDimension { get; init; } = DefaultMaxDimension;

    /// <summary>
    /// Most scans accepted in one file (a progressive file normally has about 10). Each scan walks every
    /// block, so a crafted file with thousands of tiny scans would otherwise take minutes.
    /// </summary>
    public int MaxScans { get; init; } = 1000;

    /// <summary>When true (default) the Exif orientation is applied to the output pixels.</summary>
    public bool ApplyOrientation { get; init; } = true;

    /// <summary>
    /// Reduced-size decode: 1 (full size), 2, 4 or 8. The output is ceil(size / denominator), made by
    /// inverse-transforming only the low-frequency 4×4, 2×2 or 1×1 corner of each block.
    /// </summary>
    public int ScaleDenominator { get; init; } = 1;
}
