namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>Marker codes and tables from ITU-T T.81 (Table B.1, Figure A.6).</summary>
internal static class JpegConstants
{
    /// <summary>Start of image.</summary>
    public const byte Soi = 0xD8;

    /// <summary>End of image.</summary>
    public const byte Eoi = 0xD9;

    /// <summary>Start of scan.</summary>
    public const byte Sos = 0xDA;

    /// <summary>Define quantization table(s).</summary>
    public const byte Dqt = 0xDB;

    /// <summary>Define number of lines (height given after the first scan).</summary>
    public const byte Dnl = 0xDC;

    /// <summary>Define restart interval.</summary>
    public const byte Dri = 0xDD;

    /// <summary>Define hierarchical progression.</summary>
    public const byte Dhp = 0xDE;

    /// <summary>Expand reference components (hierarchical).</summary>
    public const byte Exp = 0xDF;

    /// <summary>Define Huffman table(s).</summary>
    public const byte Dht = 0xC4;

    /// <summary>Define arithmetic coding conditioning.</summary>
    public const byte Dac = 0xCC;

    /// <summary>Baseline DCT frame.</summary>
    public const byte Sof0 = 0xC0;

    /// <summary>Extended sequential DCT, Huffman.</summary>
    public const byte Sof1 = 0xC1;

    /// <summary>Progressive DCT, Huffman.</summary>
    public const byte Sof2 = 0xC2;

    /// <summary>Lossless, Huffman.</summary>
    public const byte Sof3 = 0xC3;

    /// <summary>First restart marker (RST0); RST0..RST7 are 0xD0..0xD7.</summary>
    public const byte Rst0 = 0xD0;

    /// <summary>APP0 (JFIF).</summary>
    public const byte App0 = 0xE0;

    /// <summary>APP1 (Exif).</summary>
    public const byte App1 = 0xE1;

    /// <summary>APP14 (Adobe colour transform).</summary>
    public const byte App14 = 0xEE;

    /// <summary>Comment.</summary>
    public const byte Com = 0xFE;

    /// <summary>Size of one DCT block edge.</summary>
    public const int BlockSize = 8;

    /// <summary>Coefficients in one block.</summary>
    public const int BlockLength = 64;

    /// <summary>Largest sampling factor allowed by T.81 (B.2.2).</summary>
    public const int MaxSamplingFactor = 4;

    /// <summary>Largest number of data units in one MCU (T.81 B.2.3).</summary>
    public const int MaxBlocksPerMcu = 10;

    /// <summary>
    /// Zig-zag scan position → natural (row-major) index (T.81 Figure A.6), followed by 16 extra
    /// entries mapping to 63 so a corrupt run length that overshoots the block stays in bounds
    /// instead of needing a bounds check in the hot loop.
    /// </summary>
    public static ReadOnlySpan<byte> ZigZagToNatural =>
    [
        0, 1, 8, 16, 9, 2, 3, 10,
        17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34,
        27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36,
        29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46,
        53, 60, 61, 54, 47, 55, 62, 63,
        63, 63, 63, 63, 63, 63, 63, 63,
        63, 63, 63, 63, 63, 63, 63, 63,
    ];
}
