using System.IO.Compression;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>Choices for <see cref="PngEncoder"/>.</summary>
public sealed record PngEncoderOptions
{
    /// <summary>The defaults: adaptive filtering, <see cref="CompressionLevel.Optimal"/>.</summary>
    public static PngEncoderOptions Default { get; } = new();

    /// <summary>Row filter choice.</summary>
    public PngFilterStrategy Filter { get; init; } = PngFilterStrategy.Adaptive;

    /// <summary>zlib effort.</summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Optimal;

    /// <summary>Bytes of compressed data per IDAT chunk (the last one may be shorter).</summary>
    public int IdatChunkBytes { get; init; } = 1 << 16;
}
