namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>Marker codes and tables fixed by ITU-T T.81 (and JFIF, T.871) that the baseline encoder writes.</summary>
internal static class JpegEncoderConstants
{
    // Marker second bytes (T.81 Table B.1).
    public const byte SOI = 0xD8, EOI = 0xD9, SOF0 = 0xC0, DHT = 0xC4, DQT = 0xDB, DRI = 0xDD, SOS = 0xDA;
    public const byte APP0 = 0xE0, APP1 = 0xE1, RST0 = 0xD0;

    /// <summary>Largest image side a JPEG frame header can describe (16-bit X and Y, T.81 §B.2.2).</summary>
    public const int MaxDimension = 65_535;

    /// <summary>
    /// Natural (row-major) index of the k-th coefficient in zig-zag order (T.81 Figure A.6): zig-zag position k
    /// holds natural coefficient ZigZagToNatural[k].
    /// </summary>
    public static ReadOnlySpan<byte> ZigZagToNatural =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];
}
