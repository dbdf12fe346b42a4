namespace ProgressVision.Imaging.Buffers;

/// <summary>Argument checks shared by the span kernels; throwing lives here so hot methods stay inlinable.</summary>
internal static class KernelGuard
{
    /// <summary>Checks that a span holds exactly width × height × channels elements of a positive shape.</summary>
    public static void Plane(int length, int width, int height, int channels, string name)
    {
        if (width < 1 || height < 1 || channels < 1)
        {
            ThrowShape(width, height, channels, name);
        }

        if ((long)width * height * channels != length)
        {
            ThrowLength(length, width, height, channels, name);
        }
    }

    /// <summary>Checks that two spans of one kind have the same length.</summary>
    public static void SameLength(int a, int b, string nameA, string nameB)
    {
        if (a != b)
        {
            throw new ArgumentException($"{nameB} length {b} must equal {nameA} length {a}.", nameB);
        }
    }

    /// <summary>Checks that an interleaved span has exactly <paramref name="factor"/> × the other's length.</summary>
    public static void Multiple(int interleaved, int planar, int factor, string interleavedName, string planarName)
    {
        if ((long)planar * factor != interleaved)
        {
            throw new ArgumentException($"{interleavedName} length {interleaved} must be {factor} × {planarName} length {planar}.", interleavedName);
        }
    }

    private static void ThrowShape(int width, int height, int channels, string name) =>
        throw new ArgumentOutOfRangeException(name, $"{name}: shape {width}x{height}x{channels} must be positive.");

    private static void ThrowLength(int length, int width, int height, int channels, string name) =>
        throw new ArgumentException($"{name} length {length} does not match {width}x{height}x{channels} = {(long)width * height * channels}.", name);
}
