using System.Buffers;
using System.Numerics;

namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>
/// Baseline sequential DCT encoder (ITU-T T.81 Annex F.1, one interleaved scan): colour conversion to YCbCr
/// (JFIF, T.871 §7), chroma downsampling by box averaging, forward DCT and quantisation of whole MCU rows into a
/// coefficient store, then Huffman coding — optionally after a statistics pass that builds optimal tables.
/// </summary>
internal sealed class JpegEncoderCore
{
    private readonly int _width;
    private readonly int _height;
    private readonly int _inputChannels;
    private readonly JpegEncoderOptions _options;
    private readonly Component[] _components;
    private readonly int _hMax;
    private readonly int _vMax;
    private readonly int _mcusX;
    private readonly int _mcusY;
    private readonly int _blocksPerMcu;
    private readonly byte[][] _quant;

    public JpegEncoderCore(int width, int height, int inputChannels, JpegEncoderOptions options)
    {
        _width = width;
        _height = height;
        _inputChannels = inputChannels;
        _options = options;
        bool gray = inputChannels < 3 || options.Grayscale;
        (int h, int v) = gray ? (1, 1) : options.Subsampling switch
        {
            JpegSubsampling.Yuv444 => (1, 1),
            JpegSubsampling.Yuv422 => (2, 1),
            _ => (2, 2),
        };
        _hMax = h;
        _vMax = v;
        _components = gray
            ? [new Component(1, 1, 1, 0)]
            : [new Component(1, h, v, 0), new Component(2, 1, 1, 1), new Component(3, 1, 1, 1)];
        _mcusX = (width + (8 * h) - 1) / (8 * h);
        _mcusY = (height + (8 * v) - 1) / (8 * v);
        _blocksPerMcu = (h * v) + (gray ? 0 : 2);
        _quant = gray
            ? [JpegQuantizationTables.Scaled(JpegQuantizationTables.Luminance, options.Quality)]
            : [JpegQuantizationTables.Scaled(JpegQuantizationTables.Luminance, options.Quality), JpegQuantizationTables.Scaled(JpegQuantizationTables.Chrominance, options.Quality)];
    }

    public void Encode(ReadOnlySpan<byte> pixels, Stream output)
    {
        long blocks = (long)_mcusX * _mcusY * _blocksPerMcu;
        short[] coefficients = ArrayPool<short>.Shared.Rent(checked((int)(blocks * 64)));
        try
        {
            TransformAll(pixels, coefficients);
            JpegHuffmanSpec[] dc, ac;
            if (_options.OptimizeHuffman)
            {
                (dc, ac) = OptimalTables(coefficients);
            }
            else
            {
                dc = _components.Length == 1 ? [JpegHuffmanSpec.LuminanceDC] : [JpegHuffmanSpec.LuminanceDC, JpegHuffmanSpec.ChrominanceDC];
                ac = _components.Length == 1 ? [JpegHuffmanSpec.LuminanceAC] : [JpegHuffmanSpec.LuminanceAC, JpegHuffmanSpec.ChrominanceAC];
            }

            using var writer = new JpegBitWriter((int)Math.Min(blocks * 16, 1 << 26));
            WriteHeaders(writer, dc, ac);
            WriteScan(writer, coefficients, dc, ac);
            writer.Marker(JpegEncoderConstants.EOI);
            output.Write(writer.Written);
        }
        finally
        {
            ArrayPool<short>.Shared.Return(coefficients);
        }
    }

    private void TransformAll(ReadOnlySpan<byte> pixels, short[] coefficients)
    {
        int stripWidth = _mcusX * 8 * _hMax;
        int stripHeight = 8 * _vMax;
        bool color = _components.Length == 3;
        float[] y = ArrayPool<float>.Shared.Rent(stripWidth * stripHeight);
        float[] cb = color ? ArrayPool<float>.Shared.Rent(stripWidth * stripHeight) : [];
        float[] cr = color ? ArrayPool<float>.Shared.Rent(stripWidth * stripHeight) : [];
        int chromaWidth = _mcusX * 8;
        float[] cbSmall = color ? ArrayPool<float>.Shared.Rent(chromaWidth * 8) : [];
        float[] crSmall = color ? ArrayPool<float>.Shared.Rent(chromaWidth * 8) : [];
        float[][] divisors = [.. _quant.Select(q => JpegForwardDct.Divisors(q))];
        Span<float> block = stackalloc float[64];
        try
        {
            for (int my = 0; my < _mcusY; my++)
            {
                FillStrip(pixels, my * stripHeight, stripWidth, stripHeight, y, cb, cr);
                if (color)
                {
                    Downsample(cb, stripWidth, cbSmall, chromaWidth);
                    Downsample(cr, stripWidth, crSmall, chromaWidth);
                }

                for (int mx = 0; mx < _mcusX; mx++)
                {
                    int mcuBase = ((my * _mcusX) + mx) * _blocksPerMcu * 64;
                    int k = 0;
                    for (int by = 0; by < _vMax; by++)
                    {
                        for (int bx = 0; bx < _hMax; bx++)
                        {
                            LoadBlock(y, stripWidth, (mx * 8 * _hMax) + (bx * 8), by * 8, block);
                            Quantize(block, divisors[0], coefficients.AsSpan(mcuBase + (64 * k++), 64));
                        }
                    }

                    if (color)
                    {
                        LoadBlock(cbSmall, chromaWidth, mx * 8, 0, block);
                        Quantize(block, divisors[1], coefficients.AsSpan(mcuBase + (64 * k++), 64));
                        LoadBlock(crSmall, chromaWidth, mx * 8, 0, block);
                        Quantize(block, divisors[1], coefficients.AsSpan(mcuBase + (64 * k), 64));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(y);
            if (color)
            {
                ArrayPool<float>.Shared.Return(cb);
                ArrayPool<float>.Shared.Return(cr);
                ArrayPool<float>.Shared.Return(cbSmall);
                ArrayPool<float>.Shared.Return(crSmall);
            }
        }
    }

    /// <summary>
    /// Converts image rows [top, top + stripHeight) to level-shifted Y (and Cb, Cr) planes of stripWidth columns,
    /// replicating the last column and row into the padding so edge blocks do not ring against black.
    /// </summary>
    private void FillStrip(ReadOnlySpan<byte> pixels, int top, int stripWidth, int stripHeight, float[] y, float[] cb, float[] cr)
    {
        int ch = _inputChannels;
        bool color = _components.Length == 3;
        for (int r = 0; r < stripHeight; r++)
        {
            int sy = Math.Min(top + r, _height - 1);
            ReadOnlySpan<byte> row = pixels.Slice(sy * _width * ch, _width * ch);
            int o = r * stripWidth;
            for (int x = 0; x < _width; x++)
            {
                int s = x * ch;
                if (ch < 3)
                {
                    y[o + x] = row[s] - 128f;
                    continue;
                }

                float red = row[s], green = row[s + 1], blue = row[s + 2];

                // JFIF (T.871 §7) YCbCr from BT.601 weights; Y is shifted by −128 for the DCT (T.81 §A.3.1),
                // Cb and Cr are already centred on zero.
                y[o + x] = (0.299f * red) + (0.587f * green) + (0.114f * blue) - 128f;
                if (color)
                {
                    cb[o + x] = (-0.168735892f * red) - (0.331264108f * green) + (0.5f * blue);
                    cr[o + x] = (0.5f * red) - (0.418687589f * green) - (0.081312411f * blue);
                }
            }

            for (int x = _width; x < stripWidth; x++)
            {
                y[o + x] = y[o + _width - 1];
                if (color)
                {
                    cb[o + x] = cb[o + _width - 1];
                    cr[o + x] = cr[o + _width - 1];
                }
            }
        }
    }

    /// <summary>Box-averages an H×V strip of full-resolution chroma down to 8 rows of chromaWidth columns.</summary>
    private void Downsample(float[] full, int fullWidth, float[] small, int chromaWidth)
    {
        int h = _hMax, v = _vMax;
        float norm = 1f / (h * v);
        for (int r = 0; r < 8; r++)
        {
            for (int x = 0; x < chromaWidth; x++)
            {
                float sum = 0;
                for (int dy = 0; dy < v; dy++)
                {
                    int o = (((r * v) + dy) * fullWidth) + (x * h);
                    for (int dx = 0; dx < h; dx++)
                    {
                        sum += full[o + dx];
                    }
                }

                small[(r * chromaWidth) + x] = sum * norm;
            }
        }
    }

    private static void LoadBlock(float[] plane, int planeWidth, int x0, int y0, Span<float> block)
    {
        for (int r = 0; r < 8; r++)
        {
            plane.AsSpan(((y0 + r) * planeWidth) + x0, 8).CopyTo(block[(r * 8)..]);
        }
    }

    private static void Quantize(Span<float> block, float[] divisors, Span<short> zigzag)
    {
        JpegForwardDct.Transform(block);
        ReadOnlySpan<byte> order = JpegEncoderConstants.ZigZagToNatural;
        for (int k = 0; k < 64; k++)
        {
            int n = order[k];

            // Round half up, like the IJG float quantiser; clamp to the baseline ranges (DC ±2047, AC ±1023).
            int q = (int)MathF.Floor((block[n] * divisors[n]) + 0.5f);
            zigzag[k] = (short)Math.Clamp(q, k == 0 ? -2047 : -1023, k == 0 ? 2047 : 1023);
        }
    }

    private (JpegHuffmanSpec[] Dc, JpegHuffmanSpec[] Ac) OptimalTables(short[] coefficients)
    {
        int tables = _components.Length == 1 ? 1 : 2;
        var dcFreq = new long[tables][];
        var acFreq = new long[tables][];
        for (int t = 0; t < tables; t++)
        {
            dcFreq[t] = new long[256];
            acFreq[t] = new long[256];
        }

        Span<int> lastDc = stackalloc int[_components.Length];
        int mcus = _mcusX * _mcusY;
        for (int m = 0; m < mcus; m++)
        {
            if (_options.RestartInterval > 0 && m % _options.RestartInterval == 0)
            {
                lastDc.Clear();
            }

            int b = m * _blocksPerMcu;
            for (int c = 0; c < _components.Length; c++)
            {
                int t = _components[c].Table;
                for (int i = 0; i < _components[c].H * _components[c].V; i++, b++)
                {
                    ReadOnlySpan<short> zz = coefficients.AsSpan(b * 64, 64);
                    int diff = zz[0] - lastDc[c];
                    lastDc[c] = zz[0];
                    dcFreq[t][Category(diff)]++;
                    int run = 0;
                    for (int k = 1; k < 64; k++)
                    {
                        int v = zz[k];
                        if (v == 0)
                        {
                            run++;
                            continue;
                        }

                        for (; run > 15; run -= 16)
                        {
                            acFreq[t][0xF0]++;
                        }

                        acFreq[t][(run << 4) | Category(v)]++;
                        run = 0;
                    }

                    if (run > 0)
                    {
                        acFreq[t][0x00]++;
                    }
                }
            }
        }

        return ([.. dcFreq.Select(f => JpegHuffmanOptimizer.Build(f))], [.. acFreq.Select(f => JpegHuffmanOptimizer.Build(f))]);
    }

    private void WriteScan(JpegBitWriter w, short[] coefficients, JpegHuffmanSpec[] dcSpecs, JpegHuffmanSpec[] acSpecs)
    {
        var dc = dcSpecs.Select(s => s.BuildCodes()).ToArray();
        var ac = acSpecs.Select(s => s.BuildCodes()).ToArray();
        Span<int> lastDc = stackalloc int[_components.Length];
        int mcus = _mcusX * _mcusY;
        int restart = _options.RestartInterval;
        for (int m = 0; m < mcus; m++)
        {
            if (restart > 0 && m > 0 && m % restart == 0)
            {
                // RSTm (T.81 §F.1.2.3): byte-align with 1s, marker numbers cycle 0…7, DC predictions restart at 0.
                w.AlignWithOnes();
                w.Marker((byte)(JpegEncoderConstants.RST0 + (((m / restart) - 1) & 7)));
                lastDc.Clear();
            }

            int b = m * _blocksPerMcu;
            for (int c = 0; c < _components.Length; c++)
            {
                var (dcCodes, dcLengths) = dc[_components[c].Table];
                var (acCodes, acLengths) = ac[_components[c].Table];
                for (int i = 0; i < _components[c].H * _components[c].V; i++, b++)
                {
                    ReadOnlySpan<short> zz = coefficients.AsSpan(b * 64, 64);
                    int diff = zz[0] - lastDc[c];
                    lastDc[c] = zz[0];
                    int size = Category(diff);
                    w.WriteBits(dcCodes[size], dcLengths[size]);
                    if (size > 0)
                    {
                        w.WriteBits(Magnitude(diff, size), size);
                    }

                    int run = 0;
                    for (int k = 1; k < 64; k++)
                    {
                        int v = zz[k];
                        if (v == 0)
                        {
                            run++;
                            continue;
                        }

                        for (; run > 15; run -= 16)
                        {
                            w.WriteBits(acCodes[0xF0], acLengths[0xF0]);
                        }

                        int s = Category(v);
                        int symbol = (run << 4) | s;
                        w.WriteBits(acCodes[symbol], acLengths[symbol]);
                        w.WriteBits(Magnitude(v, s), s);
                        run = 0;
                    }

                    if (run > 0)
                    {
                        w.WriteBits(acCodes[0x00], acLengths[0x00]);
                    }
                }
            }
        }

        w.AlignWithOnes();
    }

    /// <summary>SSSS of T.81 Table F.1/F.2: the number of bits of |v|.</summary>
    private static int Category(int v) => v == 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(v));

    /// <summary>The appended bits of §F.1.2.1: v itself when positive, v − 1 (ones' complement) when negative.</summary>
    private static uint Magnitude(int v, int size) => (uint)(v < 0 ? v - 1 : v) & ((1u << size) - 1);

    private void WriteHeaders(JpegBitWriter w, JpegHuffmanSpec[] dc, JpegHuffmanSpec[] ac)
    {
        w.Marker(JpegEncoderConstants.SOI);

        // JFIF APP0 (T.871 §10.1): version 1.01, no density units, aspect 1:1, no thumbnail.
        w.Marker(JpegEncoderConstants.APP0);
        w.PutUInt16(16);
        w.Put("JFIF\0"u8);
        w.Put([1, 1, 0]);
        w.PutUInt16(1);
        w.PutUInt16(1);
        w.Put([0, 0]);

        if (_options.Orientation is int orientation)
        {
            // Minimal EXIF (CIPA DC-008): big-endian TIFF header, IFD0 with the one Orientation (0x0112) SHORT entry.
            w.Marker(JpegEncoderConstants.APP1);
            w.PutUInt16(2 + 6 + 26);
            w.Put("Exif\0\0"u8);
            w.Put("MM\0*"u8);
            w.Put([0, 0, 0, 8]);
            w.PutUInt16(1);
            w.PutUInt16(0x0112);
            w.PutUInt16(3);
            w.Put([0, 0, 0, 1]);
            w.PutUInt16(orientation);
            w.PutUInt16(0);
            w.Put([0, 0, 0, 0]);
        }

        // DQT: 8-bit precision, values in zig-zag order (T.81 §B.2.4.1).
        w.Marker(JpegEncoderConstants.DQT);
        w.PutUInt16(2 + (65 * _quant.Length));
        for (int t = 0; t < _quant.Length; t++)
        {
            w.Put((byte)t);
            foreach (byte n in JpegEncoderConstants.ZigZagToNatural)
            {
                w.Put(_quant[t][n]);
            }
        }

        // SOF0: baseline, 8-bit samples.
        w.Marker(JpegEncoderConstants.SOF0);
        w.PutUInt16(8 + (3 * _components.Length));
        w.Put(8);
        w.PutUInt16(_height);
        w.PutUInt16(_width);
        w.Put((byte)_components.Length);
        foreach (var c in _components)
        {
            w.Put((byte)c.Id);
            w.Put((byte)((c.H << 4) | c.V));
            w.Put((byte)c.Table);
        }

        // DHT: every DC table then every AC table.
        int dhtLength = 2;
        for (int t = 0; t < dc.Length; t++)
        {
            dhtLength += 17 + dc[t].Symbols.Length + 17 + ac[t].Symbols.Length;
        }

        w.Marker(JpegEncoderConstants.DHT);
        w.PutUInt16(dhtLength);
        for (int t = 0; t < dc.Length; t++)
        {
            w.Put((byte)t);
            w.Put(dc[t].Counts);
            w.Put(dc[t].Symbols);
            w.Put((byte)(0x10 | t));
            w.Put(ac[t].Counts);
            w.Put(ac[t].Symbols);
        }

        if (_options.RestartInterval > 0)
        {
            w.Marker(JpegEncoderConstants.DRI);
            w.PutUInt16(4);
            w.PutUInt16(_options.RestartInterval);
        }

        // SOS: one interleaved scan of all components, spectral selection 0…63, no successive approximation.
        w.Marker(JpegEncoderConstants.SOS);
        w.PutUInt16(6 + (2 * _components.Length));
        w.Put((byte)_components.Length);
        foreach (var c in _components)
        {
            w.Put((byte)c.Id);
            w.Put((byte)((c.Table << 4) | c.Table));
        }

        w.Put([0, 63, 0]);
    }

    /// <summary>A frame component: identifier, sampling factors, and the quantisation/Huffman table index.</summary>
    private readonly record struct Component(int Id, int H, int V, int Table);
}
