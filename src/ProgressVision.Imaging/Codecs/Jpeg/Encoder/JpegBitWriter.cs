using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>
/// Growable output buffer with a 64-bit bit accumulator for entropy-coded data: bits are emitted most
/// significant first, every 0xFF data byte is followed by a stuffed 0x00 (T.81 §B.1.1.5), and byte alignment
/// pads with 1-bits (§F.1.2.3). Marker segments are written byte-wise through the same buffer.
/// </summary>
/// <remarks>
/// Bits leave the accumulator 32 at a time; a word without a 0xFF byte (the common case) is stored in one write,
/// and only words that contain 0xFF go byte by byte to insert the stuffing.
/// </remarks>
internal sealed class JpegBitWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private ulong _accumulator;
    private int _bitCount; // bits held in the accumulator, always < 32 between calls

    public JpegBitWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1024, initialCapacity));
    }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Appends the low <paramref name="length"/> (≤ 32) bits of <paramref name="bits"/>; higher bits must be 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(uint bits, int length)
    {
        _accumulator = (_accumulator << length) | bits;
        _bitCount += length;
        if (_bitCount >= 32)
        {
            FlushWord();
        }
    }

    /// <summary>Pads the last partial byte with 1-bits and empties the accumulator.</summary>
    public void AlignWithOnes()
    {
        int pad = (8 - (_bitCount & 7)) & 7;
        _accumulator = (_accumulator << pad) | ((1UL << pad) - 1);
        _bitCount += pad;
        while (_bitCount >= 8)
        {
            _bitCount -= 8;
            PutStuffed((byte)(_accumulator >> _bitCount));
        }
    }

    /// <summary>Writes a raw byte (marker segments only; no stuffing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(byte b)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = b;
    }

    /// <summary>Writes raw bytes.</summary>
    public void Put(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            Put(b);
        }
    }

    /// <summary>Writes a big-endian 16-bit value.</summary>
    public void PutUInt16(int v)
    {
        Put((byte)(v >> 8));
        Put((byte)v);
    }

    /// <summary>Writes 0xFF and a marker code.</summary>
    public void Marker(byte code)
    {
        Put(0xFF);
        Put(code);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void FlushWord()
    {
        _bitCount -= 32;
        uint word = (uint)(_accumulator >> _bitCount);
        if (_buffer.Length - _length < 8)
        {
            Grow(8);
        }

        // A byte of the word is 0xFF exactly when the same byte of ~word is zero (the classic has-zero-byte test).
        uint inverted = ~word;
        if (((inverted - 0x01010101u) & ~inverted & 0x80808080u) == 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), word);
            _length += 4;
            return;
        }

        for (int shift = 24; shift >= 0; shift -= 8)
        {
            PutStuffed((byte)(word >> shift));
        }
    }

    private void PutStuffed(byte b)
    {
        Put(b);
        if (b == 0xFF)
        {
            Put(0);
        }
    }

    private void Grow(int needed)
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
