using System.Buffers.Binary;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// A write-only stream that packs the zlib output into IDAT chunks of a fixed payload size (PNG 2nd ed. §10.1:
/// the compressed stream may be split at any byte boundary), each with its CRC.
/// </summary>
internal sealed class PngIdatWriter : Stream
{
    private readonly Stream _output;
    private readonly byte[] _buffer;
    private int _used;

    public PngIdatWriter(Stream output, int chunkBytes)
    {
        _output = output;
        _buffer = new byte[8 + chunkBytes];
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Writes one whole chunk with its CRC.</summary>
    public static void WriteChunk(Stream output, uint type, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(head, (uint)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(head[4..], type);
        output.Write(head);
        output.Write(data);
        uint crc = PngCrc32.Update(PngCrc32.Update(0, head[4..]), data);
        BinaryPrimitives.WriteUInt32BigEndian(head, crc);
        output.Write(head[..4]);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int capacity = _buffer.Length - 8;
        while (buffer.Length > 0)
        {
            int n = Math.Min(capacity - _used, buffer.Length);
            buffer[..n].CopyTo(_buffer.AsSpan(8 + _used));
            _used += n;
            buffer = buffer[n..];
            if (_used == capacity)
            {
                EmitChunk();
            }
        }
    }

    /// <summary>Emits the pending bytes as a final IDAT chunk.</summary>
    public void Finish()
    {
        if (_used > 0)
        {
            EmitChunk();
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void EmitChunk()
    {
        WriteChunk(_output, PngConstants.IDAT, _buffer.AsSpan(8, _used));
        _used = 0;
    }
}
