using System.Diagnostics.CodeAnalysis;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// Throws the decoder's exceptions from non-inlined methods so the hot decoding loops stay small
/// enough to inline and the messages always carry the file name.
/// </summary>
internal static class JpegThrowHelper
{
    /// <summary>Corrupt or truncated data.</summary>
    [DoesNotReturn]
    public static void ThrowInvalid(string? file, string problem) => throw new InvalidImageException(file, problem);

    /// <summary>Valid JPEG using a feature we do not decode.</summary>
    [DoesNotReturn]
    public static void ThrowUnsupported(string? file, string feature) => throw new UnsupportedImageFeatureException(file, feature);

    /// <summary>Dimensions beyond the configured limits.</summary>
    [DoesNotReturn]
    public static void ThrowTooLarge(string? file, string problem) => throw new ImageTooLargeException(file, problem);

    /// <summary>The entropy-coded data ended before every block was decoded.</summary>
    [DoesNotReturn]
    public static void ThrowTruncatedEntropyData(string? file) =>
        throw new InvalidImageException(file, "truncated entropy-coded data (the scan ends before all blocks are decoded)");

    /// <summary>A Huffman code that the table does not define.</summary>
    [DoesNotReturn]
    public static void ThrowBadHuffmanCode(string? file) =>
        throw new InvalidImageException(file, "corrupt entropy-coded data (invalid Huffman code)");
}
