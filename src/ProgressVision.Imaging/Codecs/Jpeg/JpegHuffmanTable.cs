namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// A decoding Huffman table (T.81 Annex C and F.2.2.3): a <see cref="LookupBits"/>-bit direct lookup
/// for short codes, plus the canonical MAXCODE/VALPTR tables for the rare longer ones.
/// </summary>
internal sealed class JpegHuffmanTable
{
    /// <summary>Bits resolved by one lookup; typical JPEG codes are shorter than this.</summary>
    public const int LookupBits = 9;

    /// <summary>
    /// Indexed by the next <see cref="LookupBits"/> bits: (code length &lt;&lt; 8) | symbol, or 0 when the
    /// code is longer than <see cref="LookupBits"/>.
    /// </summary>
    public readonly ushort[] Lookup = new ushort[1 << LookupBits];

    /// <summary>
    /// For AC tables: indexed like <see cref="Lookup"/>; when the code AND its magnitude bits both fit
    /// in the lookup window, (value &lt;&lt; 16) | (run &lt;&lt; 8) | total bits, else 0. Saves the
    /// second bit-read on the common short coefficients.
    /// </summary>
    public readonly int[] FastAc = new int[1 << LookupBits];

    // MaxCode[l] = largest code of length l, left-aligned to 16 bits (+1 so compare with <), -1 if none.
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valOffset = new int[17];
    private readonly byte[] _values = new byte[256];

    /// <summary>Builds the table from the DHT counts (16 entries) and symbols.</summary>
    /// <returns>False when the counts describe an over-subscribed (impossible) code.</returns>
    public bool Build(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        symbols.CopyTo(_values);
        Array.Clear(Lookup);
        Array.Clear(FastAc);
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++)
        {
            int n = counts[len - 1];
            _valOffset[len] = k - code;
            if (n > 0)
            {
                // Annex C: codes of one length are consecutive; they must fit in len bits.
                if (code + n > (1 << len))
                {
                    return false;
                }

                if (len <= LookupBits)
                {
                    for (int i = 0; i < n; i++)
                    {
                        int c = code + i;
                        int shift = LookupBits - len;
                        int first = c << shift;
                        ushort entry = (ushort)((len << 8) | symbols[k + i]);
                        for (int j = 0; j < (1 << shift); j++)
                        {
                            Lookup[first + j] = entry;
                        }
                    }
                }

                code += n;
                k += n;
            }

            // Left-aligned to 16 bits: a window below this value holds a code of length <= len.
            _maxCode[len] = code << (16 - len);
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
        BuildFastAc();
        return true;
    }

    /// <summary>
    /// Decodes a code longer than <see cref="LookupBits"/> from the top 16 bits of the accumulator.
    /// Returns (length &lt;&lt; 8) | symbol, or 0 when no code matches.
    /// </summary>
    public int DecodeSlow(int top16)
    {
        int len = LookupBits + 1;
        while (len <= 16 && top16 >= _maxCode[len])
        {
            len++;
        }

        if (len > 16)
        {
            return 0;
        }

        int code = top16 >> (16 - len);
        int index = code + _valOffset[len];
        if ((uint)index >= 256u)
        {
            return 0;
        }

        return (len << 8) | _values[index];
    }

    private void BuildFastAc()
    {
        for (int i = 0; i < (1 << LookupBits); i++)
        {
            int entry = Lookup[i];
            if (entry == 0)
            {
                continue;
            }

            int len = entry >> 8;
            int rs = entry & 0xFF;
            int run = rs >> 4;
            int size = rs & 15;
            if (size == 0 || len + size > LookupBits)
            {
                continue;
            }

            // The magnitude bits follow the code inside the same lookup window (T.81 F.2.2.1 EXTEND).
            int bits = (i >> (LookupBits - len - size)) & ((1 << size) - 1);
            int value = bits < (1 << (size - 1)) ? bits - (1 << size) + 1 : bits;
            FastAc[i] = (value << 16) | (run << 8) | (len + size);
        }
    }
}
