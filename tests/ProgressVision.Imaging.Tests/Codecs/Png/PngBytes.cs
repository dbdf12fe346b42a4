using System.Buffers.Binary;
using System.IO.Compression;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>
/// Builds and edits PNG byte streams for tests, with an independent bitwise CRC-32 (PNG 2nd ed. Annex D) so that
/// the decoder's table-driven CRC is checked against a second implementation.
/// </summary>
internal static class PngBytes
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Bitwise CRC-32 of the PNG/zlib polynomial.</summary>
    public static uint Crc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }

        return ~c;
    }

    /// <summary>One chunk: length, type, data, CRC.</summary>
    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        var buf = new byte[data.Length + 12];
        BinaryPrimitives.WriteUInt32BigEndian(buf, (uint)data.Length);
        for (int i = 0; i < 4; i++)
        {
            buf[4 + i] = (byte)type[i];
        }

        data.CopyTo(buf.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(buf.AsSpan(8 + data.Length), Crc(buf.AsSpan(4, data.Length + 4)));
        return buf;
    }

    /// <summary>IHDR data.</summary>
    public static byte[] Ihdr(uint width, uint height, byte depth, byte colorType, byte interlace = 0)
    {
        var d = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(d, width);
        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(4), height);
        d[8] = depth;
        d[9] = colorType;
        d[12] = interlace;
        return d;
    }

    /// <summary>zlib-compresses <paramref name="raw"/>.</summary>
    public static byte[] Zlib(ReadOnlySpan<byte> raw)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        return ms.ToArray();
    }

    /// <summary>A whole file from chunks.</summary>
    public static byte[] File(params byte[][] chunks)
    {
        using var ms = new MemoryStream();
        ms.Write(Signature);
        foreach (var c in chunks)
        {
            ms.Write(c);
        }

        return ms.ToArray();
    }

    /// <summary>The chunks of a file as (offset of length field, type, data length).</summary>
    public static List<(int Offset, string Type, int Length)> Chunks(byte[] file)
    {
        var list = new List<(int, string, int)>();
        int p = 8;
        while (p + 8 <= file.Length)
        {
            int len = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(p)), int.MaxValue);
            string type = System.Text.Encoding.Latin1.GetString(file, p + 4, 4);
            list.Add((p, type, len));
            if ((long)p + 12 + len > file.Length)
            {
                break;
            }

            p += 12 + len;
        }

        return list;
    }

    /// <summary>Recomputes the CRC of every complete chunk, so edits reach past the CRC check.</summary>
    public static void FixCrcs(byte[] file)
    {
        foreach (var (off, _, len) in Chunks(file))
        {
            if ((long)off + 12 + len <= file.Length)
            {
                BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(off + 8 + len), Crc(file.AsSpan(off + 4, len + 4)));
            }
        }
    }
}
