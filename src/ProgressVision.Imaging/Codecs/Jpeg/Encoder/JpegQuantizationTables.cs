namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>
/// The example quantisation tables of ITU-T T.81 Annex K.1 (Tables K.1 and K.2, natural order) and the IJG
/// quality scaling (libjpeg <c>jpeg_quality_scaling</c> + <c>jpeg_add_quant_table</c> with force_baseline), so
/// that quality Q here yields byte-for-byte the tables <c>cjpeg -quality Q</c> writes.
/// </summary>
internal static class JpegQuantizationTables
{
    /// <summary>Table K.1, luminance, natural (row-major) order.</summary>
    public static ReadOnlySpan<byte> Luminance =>
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>Table K.2, chrominance, natural order.</summary>
    public static ReadOnlySpan<byte> Chrominance =>
    [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ];

    /// <summary>IJG percentage scale for a quality 1…100: 5000/Q below 50, 200 − 2Q from 50 (Q = 50 → 100 %).</summary>
    public static int QualityScale(int quality)
    {
        quality = Math.Clamp(quality, 1, 100);
        return quality < 50 ? 5000 / quality : 200 - (quality * 2);
    }

    /// <summary>Scales <paramref name="basic"/> to <paramref name="quality"/>: (q·s + 50) / 100, clamped to 1…255 (baseline).</summary>
    public static byte[] Scaled(ReadOnlySpan<byte> basic, int quality)
    {
        int scale = QualityScale(quality);
        var table = new byte[64];
        for (int i = 0; i < 64; i++)
        {
            int q = ((basic[i] * scale) + 50) / 100;
            table[i] = (byte)Math.Clamp(q, 1, 255);
        }

        return table;
    }
}
