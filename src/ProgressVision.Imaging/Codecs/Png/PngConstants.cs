namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>Numbers fixed by the PNG specification (W3C PNG 2nd ed.).</summary>
internal static class PngConstants
{
    /// <summary>The 8-byte file signature (§5.2).</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Largest chunk length and image dimension: 2^31−1 (§5.3, §11.2.2).</summary>
    public const int MaxChunkLength = int.MaxValue;

    /// <summary>Bytes around each chunk's data: length, type, CRC.</summary>
    public const int ChunkOverhead = 12;

    // Chunk types as big-endian 32-bit integers, so the core can switch on them (§4.1, §11).
    public const uint IHDR = 0x49484452;
    public const uint PLTE = 0x504C5445;
    public const uint IDAT = 0x49444154;
    public const uint IEND = 0x49454E44;
    public const uint TRNS = 0x74524E53;
    public const uint EXIF = 0x65584966;

    /// <summary>The five filter types (§9.2).</summary>
    public const byte FilterNone = 0, FilterSub = 1, FilterUp = 2, FilterAverage = 3, FilterPaeth = 4;

    // Adam7 pass geometry (§8.2): pass p covers pixels (XStart[p] + i·XStep[p], YStart[p] + j·YStep[p]).
    public static ReadOnlySpan<byte> Adam7XStart => [0, 4, 0, 2, 0, 1, 0];
    public static ReadOnlySpan<byte> Adam7YStart => [0, 0, 4, 0, 2, 0, 1];
    public static ReadOnlySpan<byte> Adam7XStep => [8, 8, 4, 4, 2, 2, 1];
    public static ReadOnlySpan<byte> Adam7YStep => [8, 8, 8, 4, 4, 2, 2];

    /// <summary>Number of pixels a pass covers along one axis of <paramref name="size"/> pixels.</summary>
    public static int PassExtent(int size, int start, int step) => size <= start ? 0 : ((size - start + step - 1) / step);
}
