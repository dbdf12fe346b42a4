namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// Turns one reconstructed scanline (samples packed at the file's bit depth, big-endian) into output pixels
/// with the channel layout documented on <see cref="PngImage"/>: palette expanded, tRNS turned into alpha,
/// sub-byte greys scaled up, 16-bit reduced by v &gt;&gt; 8 (8-bit output) or kept (16-bit output).
/// </summary>
internal sealed class PngRowConverter
{
    private readonly PngHeader _header;
    private readonly byte[] _paletteRgba; // 256 × RGBA; entries the file does not define are opaque black, as libpng does.
    private readonly int _keyGray = -1;   // tRNS grey key at file depth, or -1
    private readonly int _keyR = -1, _keyG = -1, _keyB = -1;
    private byte[] _narrow = [];          // scratch row for the 16-bit path's reuse of the 8-bit conversion

    public PngRowConverter(PngHeader header, ReadOnlySpan<byte> plte, ReadOnlySpan<byte> trns, bool hasTrns)
    {
        _header = header;
        _paletteRgba = new byte[256 * 4];
        for (int i = 0; i < 256; i++)
        {
            _paletteRgba[(4 * i) + 3] = 255;
        }

        int entries = Math.Min(256, plte.Length / 3);
        for (int i = 0; i < entries; i++)
        {
            _paletteRgba[4 * i] = plte[3 * i];
            _paletteRgba[(4 * i) + 1] = plte[(3 * i) + 1];
            _paletteRgba[(4 * i) + 2] = plte[(3 * i) + 2];
        }

        switch (header.ColorType)
        {
            case PngColorType.Grayscale when hasTrns:
                _keyGray = (trns[0] << 8) | trns[1];
                Channels = 2;
                break;
            case PngColorType.Grayscale:
                Channels = 1;
                break;
            case PngColorType.Truecolor when hasTrns:
                _keyR = (trns[0] << 8) | trns[1];
                _keyG = (trns[2] << 8) | trns[3];
                _keyB = (trns[4] << 8) | trns[5];
                Channels = 4;
                break;
            case PngColorType.Truecolor:
                Channels = 3;
                break;
            case PngColorType.Indexed:
                Channels = hasTrns ? 4 : 3;
                for (int i = 0; i < trns.Length && i < 256; i++)
                {
                    _paletteRgba[(4 * i) + 3] = trns[i];
                }

                break;
            case PngColorType.GrayscaleAlpha:
                Channels = 2;
                break;
            default:
                Channels = 4;
                break;
        }
    }

    /// <summary>Output channels: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>Converts <paramref name="pixels"/> pixels of <paramref name="row"/> into 8-bit samples.</summary>
    public void To8(ReadOnlySpan<byte> row, int pixels, Span<byte> dst)
    {
        int depth = _header.BitDepth;
        switch (_header.ColorType)
        {
            case PngColorType.Grayscale when depth < 8:
            {
                // Scale a depth-bit level to 0..255 exactly: 255 / (2^depth − 1) is 255, 85 or 17.
                int scale = 255 / ((1 << depth) - 1);
                for (int x = 0; x < pixels; x++)
                {
                    int v = Packed(row, x, depth);
                    if (Channels == 2)
                    {
                        dst[2 * x] = (byte)(v * scale);
                        dst[(2 * x) + 1] = v == _keyGray ? (byte)0 : (byte)255;
                    }
                    else
                    {
                        dst[x] = (byte)(v * scale);
                    }
                }

                break;
            }

            case PngColorType.Grayscale when depth == 8:
                if (Channels == 1)
                {
                    row[..pixels].CopyTo(dst);
                }
                else
                {
                    for (int x = 0; x < pixels; x++)
                    {
                        dst[2 * x] = row[x];
                        dst[(2 * x) + 1] = row[x] == _keyGray ? (byte)0 : (byte)255;
                    }
                }

                break;

            case PngColorType.Grayscale:
                for (int x = 0; x < pixels; x++)
                {
                    int v = (row[2 * x] << 8) | row[(2 * x) + 1];
                    if (Channels == 2)
                    {
                        dst[2 * x] = row[2 * x];
                        dst[(2 * x) + 1] = v == _keyGray ? (byte)0 : (byte)255;
                    }
                    else
                    {
                        dst[x] = row[2 * x];
                    }
                }

                break;

            case PngColorType.Truecolor when depth == 8:
                if (Channels == 3)
                {
                    row[..(3 * pixels)].CopyTo(dst);
                }
                else
                {
                    for (int x = 0; x < pixels; x++)
                    {
                        byte r = row[3 * x], g = row[(3 * x) + 1], b = row[(3 * x) + 2];
                        dst[4 * x] = r;
                        dst[(4 * x) + 1] = g;
                        dst[(4 * x) + 2] = b;
                        dst[(4 * x) + 3] = r == _keyR && g == _keyG && b == _keyB ? (byte)0 : (byte)255;
                    }
                }

                break;

            case PngColorType.Truecolor:
                for (int x = 0; x < pixels; x++)
                {
                    int s = 6 * x, d = Channels * x;
                    dst[d] = row[s];
                    dst[d + 1] = row[s + 2];
                    dst[d + 2] = row[s + 4];
                    if (Channels == 4)
                    {
                        bool key = ((row[s] << 8) | row[s + 1]) == _keyR && ((row[s + 2] << 8) | row[s + 3]) == _keyG
                            && ((row[s + 4] << 8) | row[s + 5]) == _keyB;
                        dst[d + 3] = key ? (byte)0 : (byte)255;
                    }
                }

                break;

            case PngColorType.Indexed:
                for (int x = 0; x < pixels; x++)
                {
                    int p = 4 * (depth == 8 ? row[x] : Packed(row, x, depth));
                    int d = Channels * x;
                    dst[d] = _paletteRgba[p];
                    dst[d + 1] = _paletteRgba[p + 1];
                    dst[d + 2] = _paletteRgba[p + 2];
                    if (Channels == 4)
                    {
                        dst[d + 3] = _paletteRgba[p + 3];
                    }
                }

                break;

            default:
                // Grey+alpha and RGBA: 8-bit rows are already the output; 16-bit rows keep each high byte.
                int samples = pixels * Channels;
                if (depth == 8)
                {
                    row[..samples].CopyTo(dst);
                }
                else
                {
                    for (int i = 0; i < samples; i++)
                    {
                        dst[i] = row[2 * i];
                    }
                }

                break;
        }
    }

    /// <summary>Converts <paramref name="pixels"/> pixels of <paramref name="row"/> into 16-bit samples.</summary>
    public void To16(ReadOnlySpan<byte> row, int pixels, Span<ushort> dst)
    {
        int depth = _header.BitDepth;
        if (depth == 16)
        {
            int ch = Channels;
            bool addKeyAlpha = ch != _header.SamplesPerPixel;
            for (int x = 0; x < pixels; x++)
            {
                int spp = _header.SamplesPerPixel;
                for (int c = 0; c < spp; c++)
                {
                    int s = 2 * ((x * spp) + c);
                    dst[(x * ch) + c] = (ushort)((row[s] << 8) | row[s + 1]);
                }

                if (addKeyAlpha)
                {
                    bool key = spp == 1
                        ? dst[x * ch] == _keyGray
                        : dst[x * ch] == _keyR && dst[(x * ch) + 1] == _keyG && dst[(x * ch) + 2] == _keyB;
                    dst[(x * ch) + spp] = key ? (ushort)0 : ushort.MaxValue;
                }
            }

            return;
        }

        if (_header.ColorType == PngColorType.Grayscale && _keyGray >= 0)
        {
            // The key is compared at file depth, so it cannot go through the 8-bit path's scaled values for depth < 8.
            int scale = 65535 / ((1 << depth) - 1);
            for (int x = 0; x < pixels; x++)
            {
                int v = depth == 8 ? row[x] : Packed(row, x, depth);
                dst[2 * x] = (ushort)(v * scale);
                dst[(2 * x) + 1] = v == _keyGray ? (ushort)0 : ushort.MaxValue;
            }

            return;
        }

        // Everything else at depth ≤ 8 has exact 8-bit output; widening by × 257 maps 0..255 onto 0..65535 exactly.
        if (_narrow.Length < pixels * Channels)
        {
            _narrow = new byte[pixels * Channels];
        }

        Span<byte> tmp = _narrow.AsSpan(0, pixels * Channels);
        To8(row, pixels, tmp);
        for (int i = 0; i < tmp.Length; i++)
        {
            dst[i] = (ushort)(tmp[i] * 257);
        }
    }

    /// <summary>The <paramref name="x"/>-th sample of <paramref name="depth"/> bits, packed most significant first.</summary>
    private static int Packed(ReadOnlySpan<byte> row, int x, int depth)
    {
        int bit = x * depth;
        int shift = 8 - depth - (bit & 7);
        return (row[bit >> 3] >> shift) & ((1 << depth) - 1);
    }
}
