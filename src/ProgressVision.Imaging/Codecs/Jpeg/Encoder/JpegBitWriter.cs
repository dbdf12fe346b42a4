using System.Buffers;
using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>
/// Growable output buffer with a 64-bit bit accumulator for entropy-coded data: bits are emitted most
/// significant first, every 0xFF data byte is followed by a stuffed 0x00 (T.81 §B.1.1.5), and byte alignment
/// pads with 1-bits (§F.1.2.3). Marker segments are written byte-wise through the same buffer.
/// </summary>
internal sealed class JpegBitWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private ulong _accumulator;
    private int _bitCount;

    public JpegBitWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1024, initialCapacity));
    }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Appends <paramref name="length"/> (≤ 32) low bits of <paramref name="bits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(uint bits, int length)
    {
        _accumulator = (_accumulator << length) | (bits & ((1u << length) - 1));
        _bitCount += length;
        while (_bitCount >= 8)
        {
            _bitCount -= 8;
            byte b = (byte)(_accumulator >> _bitCount);
            Put(b);
            if (b == 0xFF)
            {
                Put(0);
            }
        }
    }

    /// <summary>Pads the last partial byte with 1-bits.</summary>
    public void AlignWithOnes()
    {
        if (_bitCount > 0)
        {
            WriteBits(0xFF, 8 - _bitCount);
        }
    }

    /// <summary>Writes a raw byte (marker segments only; no stuffing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(byte b)
    {
        if (_length == _buffer.Length)
        {
            Grow();
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

    private void Grow()
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
