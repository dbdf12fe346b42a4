namespace ProgressVision.Imaging;

/// <summary>
/// The one exception for image files that cannot be read: truncated, corrupt, zero-length, not an
/// image, or larger than the decoder's limits allow. The message names the file (when known) and
/// what is wrong.
/// </summary>
public class InvalidImageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidImageException(string? file, string problem, Exception? inner = null)
        : base(Compose(file, problem), inner)
    {
        FileName = file;
        Problem = problem;
    }

    /// <summary>The file that failed, when known.</summary>
    public string? FileName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }

    internal static string Compose(string? file, string problem) =>
        file is null ? problem : $"{file}: {problem}";
}

/// <summary>The image is larger than the configured limits (a decompression-bomb guard).</summary>
public sealed class ImageTooLargeException : InvalidImageException
{
    /// <summary>Creates the exception.</summary>
    public ImageTooLargeException(string? file, string problem) : base(file, problem)
    {
    }
}

/// <summary>
/// A valid image that uses a feature we deliberately do not decode (arithmetic coding, 12-bit,
/// lossless JPEG, CMYK). Raised instead of returning wrong pixels.
/// </summary>
public sealed class UnsupportedImageFeatureException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    public UnsupportedImageFeatureException(string? file, string feature)
        : base(InvalidImageException.Compose(file, $"unsupported feature: {feature}"))
    {
        FileName = file;
        Feature = feature;
    }

    /// <summary>The file, when known.</summary>
    public string? FileName { get; }

    /// <summary>The feature that is not supported.</summary>
    public string Feature { get; }
}
