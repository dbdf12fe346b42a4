using ProgressVision.Imaging.Codecs.Jpeg;

namespace ProgressVision.Imaging.Codecs;

/// <summary>Format-independent decode choices and limits for <see cref="ImageCodecs"/>.</summary>
public sealed record DecodeOptions
{
    /// <summary>Shared default instance.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>Largest width × height accepted (decompression-bomb guard), checked before pixel buffers are allocated.</summary>
    public long MaxPixels { get; init; } = JpegDecoderOptions.DefaultMaxPixels;

    /// <summary>Largest width or height accepted.</summary>
    public int MaxDimension { get; init; } = JpegDecoderOptions.DefaultMaxDimension;

    /// <summary>Apply the Exif orientation to the pixels (default true).</summary>
    public bool ApplyOrientation { get; init; } = true;

    /// <summary>JPEG only: reduced-size decode denominator 1, 2, 4 or 8 (other formats decode at full size).</summary>
    public int JpegScaleDenominator { get; init; } = 1;

    /// <summary>The JPEG decoder options these correspond to.</summary>
    public JpegDecoderOptions ToJpegOptions() => new()
    {
        MaxPixels = MaxPixels,
        MaxDimension = MaxDimension,
        ApplyOrientation = ApplyOrientation,
        ScaleDenominator = JpegScaleDenominator,
    };
}
