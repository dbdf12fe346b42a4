namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>
/// Builds an image-specific Huffman table from symbol frequencies by the procedure of ITU-T T.81 Annex K.2
/// (Figures K.1–K.4): Huffman code sizes, then lengths above 16 bits folded down, and one code point reserved so
/// that no real code is all 1-bits (a run of 1s is what the encoder pads bytes with).
/// </summary>
internal static class JpegHuffmanOptimizer
{
    /// <summary>Builds the table for <paramref name="frequencies"/> (256 entries; unused symbols 0).</summary>
    public static JpegHuffmanSpec Build(ReadOnlySpan<long> frequencies)
    {
        var freq = new long[257];
        frequencies[..256].CopyTo(freq);
        if (!freq.AsSpan(0, 256).ContainsAnyExcept(0L))
        {
            freq[0] = 1; // An unused table still needs one code to be a valid DHT.
        }

        freq[256] = 1; // The reserved symbol (Figure K.1): guarantees the all-ones code is never assigned.
        var codeSize = new int[257];
        var others = new int[257];
        Array.Fill(others, -1);

        while (true)
        {
            // V1, V2: the two least frequent live symbols; ties go to the larger symbol value, as in the IJG code.
            int c1 = -1, c2 = -1;
            long v = long.MaxValue;
            for (int i = 0; i <= 256; i++)
            {
                if (freq[i] != 0 && freq[i] <= v)
                {
                    v = freq[i];
                    c1 = i;
                }
            }

            v = long.MaxValue;
            for (int i = 0; i <= 256; i++)
            {
                if (freq[i] != 0 && freq[i] <= v && i != c1)
                {
                    v = freq[i];
                    c2 = i;
                }
            }

            if (c2 < 0)
            {
                break;
            }

            freq[c1] += freq[c2];
            freq[c2] = 0;
            codeSize[c1]++;
            while (others[c1] >= 0)
            {
                c1 = others[c1];
                codeSize[c1]++;
            }

            others[c1] = c2;
            codeSize[c2]++;
            while (others[c2] >= 0)
            {
                c2 = others[c2];
                codeSize[c2]++;
            }
        }

        // Count codes per length; a pathological distribution can need up to 256 bits before adjustment.
        var bits = new int[258];
        for (int i = 0; i <= 256; i++)
        {
            if (codeSize[i] > 0)
            {
                bits[codeSize[i]]++;
            }
        }

        // Figure K.3 (Adjust_BITS): take two codes of the longest length i, put one at i − 1 and move a shorter
        // code j down one level to become the prefix of both — until nothing is longer than 16 bits.
        for (int i = bits.Length - 1; i > 16; i--)
        {
            while (bits[i] > 0)
            {
                int j = i - 2;
                while (bits[j] == 0)
                {
                    j--;
                }

                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }

        // Remove the reserved code point from the longest length still in use.
        int last = 16;
        while (bits[last] == 0)
        {
            last--;
        }

        bits[last]--;

        // Figure K.4: symbols sorted by code size (then by value); the reserved symbol 256 is dropped.
        var counts = new byte[16];
        for (int i = 1; i <= 16; i++)
        {
            counts[i - 1] = (byte)bits[i];
        }

        var symbols = new List<byte>();
        for (int size = 1; size <= 256; size++)
        {
            for (int s = 0; s < 256; s++)
            {
                if (codeSize[s] == size)
                {
                    symbols.Add((byte)s);
                }
            }
        }

        return new JpegHuffmanSpec(counts, symbols.ToArray());
    }
}
