using System.Diagnostics.CodeAnalysis;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>Throw sites for the PNG codec, kept out of the hot methods so those stay small and inlinable.</summary>
internal static class PngThrowHelper
{
    [DoesNotReturn]
    public static void Invalid(string? file, string problem, Exception? inner = null) =>
        throw new InvalidImageException(file, "invalid PNG: " + problem, inner);

    [DoesNotReturn]
    public static void TooLarge(string? file, string problem) =>
        throw new ImageTooLargeException(file, "PNG too large: " + problem);

    [DoesNotReturn]
    public static void Unsupported(string? file, string feature) =>
        throw new UnsupportedImageFeatureException(file, feature);

    [DoesNotReturn]
    public static void Truncated(string? file, string where) =>
        throw new InvalidImageException(file, $"invalid PNG: file is truncated ({where})");

    /// <summary>A chunk type as text for messages, with non-letters escaped.</summary>
    public static string ChunkName(uint type)
    {
        Span<char> c = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            byte b = (byte)(type >> (24 - (8 * i)));
            c[i] = b is >= 0x20 and < 0x7F ? (char)b : '?';
        }

        return new string(c);
    }
}
