using System.Buffers.Binary;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// Walks the chunks of a PNG file (PNG 2nd ed. §5.3): length, type, data, CRC. Every chunk's length is checked
/// against the bytes that remain and its CRC against its type and data before the chunk is handed out.
/// </summary>
internal ref struct PngChunkReader
{
    private readonly ReadOnlySpan<byte> _file;
    private readonly string? _fileName;
    private int _position;

    public PngChunkReader(ReadOnlySpan<byte> file, string? fileName)
    {
        _file = file;
        _fileName = fileName;
        if (file.Length == 0)
        {
            PngThrowHelper.Invalid(fileName, "file is empty (0 bytes)");
        }

        if (file.Length < PngConstants.Signature.Length || !file[..PngConstants.Signature.Length].SequenceEqual(PngConstants.Signature))
        {
            PngThrowHelper.Invalid(fileName, "missing PNG signature (not a PNG file, or corrupted in transfer)");
        }

        _position = PngConstants.Signature.Length;
    }

    /// <summary>Offset of the next chunk's length field.</summary>
    public readonly int Position => _position;

    /// <summary>True while bytes remain after the current position.</summary>
    public readonly bool AtEnd => _position >= _file.Length;

    /// <summary>Reads the next chunk, verifying its framing and CRC.</summary>
    /// <param name="type">The chunk type, big-endian.</param>
    /// <param name="dataOffset">Offset of the chunk data in the file.</param>
    /// <param name="length">Length of the chunk data.</param>
    public void Next(out uint type, out int dataOffset, out int length)
    {
        int start = _position;
        int remaining = _file.Length - start;
        if (remaining < 8)
        {
            PngThrowHelper.Truncated(_fileName, $"chunk header at offset {start} needs 8 bytes, {remaining} remain");
        }

        uint rawLength = BinaryPrimitives.ReadUInt32BigEndian(_file[start..]);
        type = BinaryPrimitives.ReadUInt32BigEndian(_file[(start + 4)..]);
        string name = PngThrowHelper.ChunkName(type);
        if (!IsLetters(type))
        {
            PngThrowHelper.Invalid(_fileName, $"chunk at offset {start} has type bytes 0x{type:X8} that are not ASCII letters");
        }

        if (rawLength > PngConstants.MaxChunkLength)
        {
            PngThrowHelper.Invalid(_fileName, $"chunk '{name}' at offset {start} declares length {rawLength}, above the limit 2^31-1");
        }

        long needed = (long)rawLength + PngConstants.ChunkOverhead;
        if (needed > remaining)
        {
            PngThrowHelper.Truncated(_fileName, $"chunk '{name}' at offset {start} declares {rawLength} data bytes but only {Math.Max(0, remaining - PngConstants.ChunkOverhead)} remain");
        }

        length = (int)rawLength;
        dataOffset = start + 8;
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(_file[(dataOffset + length)..]);
        uint actual = PngCrc32.Chunk(_file.Slice(start + 4, length + 4));
        if (stored != actual)
        {
            PngThrowHelper.Invalid(_fileName, $"chunk '{name}' at offset {start} has CRC 0x{stored:X8} but its contents give 0x{actual:X8} (corrupted)");
        }

        _position = dataOffset + length + 4;
    }

    private static bool IsLetters(uint type)
    {
        for (int i = 0; i < 4; i++)
        {
            uint b = (type >> (8 * i)) & 0xFF;
            if (!(b is >= 'A' and <= 'Z' or >= 'a' and <= 'z'))
            {
                return false;
            }
        }

        return true;
    }
}
