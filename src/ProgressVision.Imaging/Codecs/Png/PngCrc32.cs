namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// The CRC-32 of PNG chunks (ISO 3309 / ITU-T V.42 polynomial, reflected 0xEDB88320; PNG 2nd ed. §5.5 and
/// Annex D). Slicing-by-4 tables: four table look-ups per 4 input bytes instead of one per byte.
/// </summary>
internal static class PngCrc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC of <paramref name="data"/> continuing from <paramref name="crc"/> (start with 0).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] t = Table;
        uint c = ~crc;
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            c ^= (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            c = t[768 + (c & 0xFF)] ^ t[512 + ((c >> 8) & 0xFF)] ^ t[256 + ((c >> 16) & 0xFF)] ^ t[c >> 24];
        }

        for (; i < data.Length; i++)
        {
            c = t[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    /// <summary>CRC of a chunk's type and data, as stored after the chunk.</summary>
    public static uint Chunk(ReadOnlySpan<byte> typeAndData) => Update(0, typeAndData);

    private static uint[] BuildTable()
    {
        var t = new uint[1024];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            t[n] = c;
        }

        // Table k advances a byte that is followed by k further bytes of zeros.
        for (int n = 0; n < 256; n++)
        {
            for (int k = 1; k < 4; k++)
            {
                uint prev = t[((k - 1) * 256) + n];
                t[(k * 256) + n] = t[prev & 0xFF] ^ (prev >> 8);
            }
        }

        return t;
    }
}
