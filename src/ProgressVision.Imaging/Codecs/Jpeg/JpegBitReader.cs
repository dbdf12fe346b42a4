using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// Reads entropy-coded segment bits (T.81 F.2.2.5) MSB-first through a 64-bit accumulator.
/// Removes 0xFF00 byte stuffing, stops at the first marker and from then on supplies zero bits
/// (as libjpeg does) while counting them, so consuming any of those invented bits is detected as
/// truncated data instead of silently producing grey pixels.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string? _file;
    private ulong _acc;     // valid bits are left-aligned: bit 63 is the next bit to read
    private int _bits;      // number of valid (real or padding) bits in _acc
    private int _padBytes;  // zero bytes invented after a marker / end of data, still counted in _bits
    private int _pos;       // next byte to load; stops on the 0xFF of a marker
    private bool _atMarker; // a marker or the end of data was reached

    /// <summary>Starts reading at <paramref name="position"/> (the first byte after the SOS header).</summary>
    public JpegBitReader(ReadOnlySpan<byte> data, int position, string? file)
    {
        _data = data;
        _file = file;
        _pos = position;
        _acc = 0;
        _bits = 0;
        _padBytes = 0;
        _atMarker = false;
    }

    /// <summary>
    /// Where marker search should resume after the scan: the 0xFF of the marker that ended the
    /// data, or the first byte not yet loaded.
    /// </summary>
    public readonly int Position => _pos;

    /// <summary>Bits available without refilling.</summary>
    public readonly int BitCount => _bits;

    /// <summary>The accumulator (for hot loops that keep it in a local; write back with <see cref="Refill"/>).</summary>
    public readonly ulong Accumulator => _acc;

    /// <summary>
    /// For hot loops holding the accumulator and bit count in locals: stores them, refills to at
    /// least 57 bits (real or padding) and loads them back.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Refill(ref ulong acc, ref int bits)
    {
        _acc = acc;
        _bits = bits;
        Fill();
        acc = _acc;
        bits = _bits;
    }

    /// <summary>Slow-path Huffman decode for hot loops holding the state in locals (codes longer than the lookup).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int DecodeSlow(JpegHuffmanTable table, ref ulong acc, ref int bits)
    {
        int r = table.DecodeSlow((int)(acc >> 48));
        if (r == 0)
        {
            JpegThrowHelper.ThrowBadHuffmanCode(_file);
        }

        int len = r >> 8;
        acc <<= len;
        bits -= len;
        return r & 0xFF;
    }

    /// <summary>Stores state kept in locals back into the reader.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ulong acc, int bits)
    {
        _acc = acc;
        _bits = bits;
    }

    /// <summary>Makes at least 32 bits available (real or padding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureBits()
    {
        if (_bits < 32)
        {
            Fill();
        }
    }

    /// <summary>The next <see cref="JpegHuffmanTable.LookupBits"/> bits, not consumed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int PeekLookup() => (int)(_acc >> (64 - JpegHuffmanTable.LookupBits));

    /// <summary>Consumes <paramref name="n"/> bits (0..32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int n)
    {
        _acc <<= n;
        _bits -= n;
    }

    /// <summary>Reads <paramref name="n"/> bits, 1 ≤ n ≤ 16, after <see cref="EnsureBits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int n)
    {
        int v = (int)(_acc >> (64 - n));
        _acc <<= n;
        _bits -= n;
        return v;
    }

    /// <summary>Reads one bit, refilling when needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBit()
    {
        if (_bits < 1)
        {
            Fill();
        }

        int v = (int)(_acc >> 63);
        _acc <<= 1;
        _bits--;
        return v;
    }

    /// <summary>
    /// Reads <paramref name="n"/> magnitude bits and sign-extends them (T.81 F.2.2.1 RECEIVE + EXTEND).
    /// n = 0 gives 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int n)
    {
        if (n == 0)
        {
            return 0;
        }

        int v = ReadBits(n);

        // A leading 0 bit means a negative value: v - (2^n - 1).
        return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
    }

    /// <summary>Decodes one Huffman symbol (after <see cref="EnsureBits"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeSymbol(JpegHuffmanTable table)
    {
        int entry = table.Lookup[PeekLookup()];
        if (entry != 0)
        {
            Skip(entry >> 8);
            return entry & 0xFF;
        }

        return DecodeSymbolSlow(table);
    }

    /// <summary>Throws when bits invented past the end of the data have been consumed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void ThrowIfOverrun()
    {
        if (_bits < _padBytes * 8)
        {
            JpegThrowHelper.ThrowTruncatedEntropyData(_file);
        }
    }

    /// <summary>
    /// Handles the end of a restart interval (T.81 F.2.2.4 / E.2.4): checks no data was overrun,
    /// discards the remaining padding bits, and consumes the RSTn marker that must follow.
    /// </summary>
    public void ProcessRestart()
    {
        ThrowIfOverrun();
        _acc = 0;
        _bits = 0;
        _padBytes = 0;
        _atMarker = false;

        // Skip any stray bytes (tolerated by libjpeg too) up to the next marker.
        int p = _pos;
        while (p < _data.Length && _data[p] != 0xFF)
        {
            p++;
        }

        while (p < _data.Length && _data[p] == 0xFF)
        {
            p++;
        }

        if (p >= _data.Length || _data[p] == JpegConstants.Eoi)
        {
            JpegThrowHelper.ThrowTruncatedEntropyData(_file);
        }

        byte marker = _data[p];
        if (marker < JpegConstants.Rst0 || marker > JpegConstants.Rst0 + 7)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"corrupt entropy-coded data (expected a restart marker, found 0xFF{marker:X2} at offset {p - 1})");
        }

        _pos = p + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int DecodeSymbolSlow(JpegHuffmanTable table)
    {
        int r = table.DecodeSlow((int)(_acc >> 48));
        if (r == 0)
        {
            JpegThrowHelper.ThrowBadHuffmanCode(_file);
        }

        Skip(r >> 8);
        return r & 0xFF;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fill()
    {
        // Fast path: 8 bytes ahead contain no 0xFF, so no stuffing or marker can be involved.
        if (!_atMarker && _pos + 8 <= _data.Length)
        {
            ulong w = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(_pos));

            // "Has a 0xFF byte" is "~w has a zero byte": the classic (x - 0x01..) & ~x & 0x80.. test.
            ulong inv = ~w;
            if (((inv - 0x0101010101010101UL) & w & 0x8080808080808080UL) == 0)
            {
                int n = (63 - _bits) >> 3; // whole bytes that fit
                _acc |= (w >> (64 - (n * 8))) << (64 - _bits - (n * 8));
                _bits += n * 8;
                _pos += n;
                return;
            }
        }

        while (_bits <= 56)
        {
            int b = 0;
            if (!_atMarker)
            {
                if (_pos >= _data.Length)
                {
                    _atMarker = true;
                }
                else
                {
                    b = _data[_pos];
                    if (b == 0xFF)
                    {
                        int next = _pos + 1 < _data.Length ? _data[_pos + 1] : -1;
                        if (next == 0)
                        {
                            _pos += 2; // stuffed 0xFF00 stands for a data byte 0xFF
                        }
                        else
                        {
                            _atMarker = true; // leave _pos on the marker's 0xFF
                            b = 0;
                        }
                    }
                    else
                    {
                        _pos++;
                    }
                }
            }

            if (_atMarker)
            {
                // More than 8 invented bytes means at least one invented bit was consumed.
                if (++_padBytes > 8)
                {
                    JpegThrowHelper.ThrowTruncatedEntropyData(_file);
                }
            }

            _acc |= (ulong)(uint)b << (56 - _bits);
            _bits += 8;
        }
    }
}
