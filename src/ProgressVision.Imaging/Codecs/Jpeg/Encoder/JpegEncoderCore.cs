using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        if (blocks * 64 > Array.MaxLength)
        {
            throw new ArgumentException($"{_width}x{_height} needs {blocks * 64} coefficients, more than one array holds; encode it with chroma subsampling or in parts.");
        }

        short[] coefficients = ArrayPool<short>.Shared.Rent((int)(blocks * 64));
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

    /// <summary>
    /// Colour conversion, downsampling, DCT and quantisation of every MCU row. MCU rows are independent, so they run
    /// in parallel, each worker with its own strip buffers; the coefficient store is written at disjoint offsets.
    /// </summary>
    private unsafe void TransformAll(ReadOnlySpan<byte> pixels, short[] coefficients)
    {
        float[][] divisors = [.. _quant.Select(q => JpegForwardDct.Divisors(q))];
        fixed (byte* p = pixels)
        {
            nint address = (nint)p;
            int length = pixels.Length;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _mcusY >= 8 ? Environment.ProcessorCount : 1 };
            Parallel.For(
                0,
                _mcusY,
                parallel,
                () => new StripWorkspace(_mcusX * 8 * _hMax, 8 * _vMax, _mcusX * 8, _components.Length == 3),
                (my, _, workspace) =>
                {
                    var source = new ReadOnlySpan<byte>((void*)address, length);
                    TransformMcuRow(source, my, workspace, divisors, coefficients);
                    return workspace;
                },
                workspace => workspace.Dispose());
        }
    }

    private void TransformMcuRow(ReadOnlySpan<byte> pixels, int my, StripWorkspace ws, float[][] divisors, short[] coefficients)
    {
        int stripWidth = ws.StripWidth;
        int chromaWidth = ws.ChromaWidth;
        bool color = _components.Length == 3;
        Span<float> block = stackalloc float[64];
        FillStrip(pixels, my * ws.StripHeight, stripWidth, ws.StripHeight, ws.Y, ws.Cb, ws.Cr);
        if (color)
        {
            Downsample(ws.Cb, stripWidth, ws.CbSmall, chromaWidth);
            Downsample(ws.Cr, stripWidth, ws.CrSmall, chromaWidth);
        }

        for (int mx = 0; mx < _mcusX; mx++)
        {
            int mcuBase = ((my * _mcusX) + mx) * _blocksPerMcu * 64;
            int k = 0;
            for (int by = 0; by < _vMax; by++)
            {
                for (int bx = 0; bx < _hMax; bx++)
                {
                    LoadBlock(ws.Y, stripWidth, (mx * 8 * _hMax) + (bx * 8), by * 8, block);
                    Quantize(block, divisors[0], coefficients.AsSpan(mcuBase + (64 * k++), 64));
                }
            }

            if (color)
            {
                LoadBlock(ws.CbSmall, chromaWidth, mx * 8, 0, block);
                Quantize(block, divisors[1], coefficients.AsSpan(mcuBase + (64 * k++), 64));
                LoadBlock(ws.CrSmall, chromaWidth, mx * 8, 0, block);
                Quantize(block, divisors[1], coefficients.AsSpan(mcuBase + (64 * k), 64));
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
            ref byte src = ref MemoryMarshal.GetReference(pixels.Slice(sy * _width * ch, _width * ch));
            int o = r * stripWidth;
            ref float yRow = ref y[o];
            if (ch < 3)
            {
                for (int x = 0; x < _width; x++)
                {
                    Unsafe.Add(ref yRow, x) = Unsafe.Add(ref src, x) - 128f;
                }
            }
            else if (!color)
            {
                for (int x = 0; x < _width; x++)
                {
                    ref byte p = ref Unsafe.Add(ref src, x * ch);
                    Unsafe.Add(ref yRow, x) = (0.299f * p) + (0.587f * Unsafe.Add(ref p, 1)) + (0.114f * Unsafe.Add(ref p, 2)) - 128f;
                }
            }
            else if (ch == 3)
            {
                // JFIF YCbCr, Y level-shifted (see JpegEncoderColor), eight pixels per vector step.
                JpegEncoderColor.RgbToYCbCr(pixels.Slice(sy * _width * 3, _width * 3), y.AsSpan(o, _width), cb.AsSpan(o, _width), cr.AsSpan(o, _width));
            }
            else
            {
                ref float cbRow = ref cb[o];
                ref float crRow = ref cr[o];
                for (int x = 0; x < _width; x++)
                {
                    ref byte p = ref Unsafe.Add(ref src, x * ch);
                    float red = p, green = Unsafe.Add(ref p, 1), blue = Unsafe.Add(ref p, 2);

                    // JFIF (T.871 §7) YCbCr from BT.601 weights; Y is shifted by −128 for the DCT (T.81 §A.3.1),
                    // Cb and Cr are already centred on zero.
                    Unsafe.Add(ref yRow, x) = (0.299f * red) + (0.587f * green) + (0.114f * blue) - 128f;
                    Unsafe.Add(ref cbRow, x) = (-0.168735892f * red) - (0.331264108f * green) + (0.5f * blue);
                    Unsafe.Add(ref crRow, x) = (0.5f * red) - (0.418687589f * green) - (0.081312411f * blue);
                }
            }

            // Replicate the last column into the padding so edge blocks do not ring against black.
            y.AsSpan(o + _width, stripWidth - _width).Fill(y[o + _width - 1]);
            if (color)
            {
                cb.AsSpan(o + _width, stripWidth - _width).Fill(cb[o + _width - 1]);
                cr.AsSpan(o + _width, stripWidth - _width).Fill(cr[o + _width - 1]);
            }
        }
    }

    /// <summary>Box-averages an H×V strip of full-resolution chroma down to 8 rows of chromaWidth columns.</summary>
    private void Downsample(float[] full, int fullWidth, float[] small, int chromaWidth)
    {
        int h = _hMax, v = _vMax;
        for (int r = 0; r < 8; r++)
        {
            ref float top = ref full[r * v * fullWidth];
            ref float bottom = ref Unsafe.Add(ref top, v == 2 ? fullWidth : 0);
            ref float dst = ref small[r * chromaWidth];
            if (h == 2 && v == 2)
            {
                for (int x = 0; x < chromaWidth; x++)
                {
                    int i = 2 * x;
                    Unsafe.Add(ref dst, x) = (Unsafe.Add(ref top, i) + Unsafe.Add(ref top, i + 1) + Unsafe.Add(ref bottom, i) + Unsafe.Add(ref bottom, i + 1)) * 0.25f;
                }
            }
            else if (h == 2)
            {
                for (int x = 0; x < chromaWidth; x++)
                {
                    Unsafe.Add(ref dst, x) = (Unsafe.Add(ref top, 2 * x) + Unsafe.Add(ref top, (2 * x) + 1)) * 0.5f;
                }
            }
            else
            {
                MemoryMarshal.CreateReadOnlySpan(ref top, chromaWidth).CopyTo(MemoryMarshal.CreateSpan(ref dst, chromaWidth));
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
        Span<int> natural = stackalloc int[64];
        if (Vector256.IsHardwareAccelerated)
        {
            ref float b0 = ref MemoryMarshal.GetReference(block);
            ref float d0 = ref MemoryMarshal.GetArrayDataReference(divisors);
            ref int n0 = ref MemoryMarshal.GetReference(natural);
            for (int i = 0; i < 64; i += 8)
            {
                // Round half up, like the IJG float quantiser, then clamp to the baseline AC range ±1023.
                var scaled = Vector256.LoadUnsafe(ref b0, (nuint)i) * Vector256.LoadUnsafe(ref d0, (nuint)i);
                var rounded = Vector256.ConvertToInt32(Vector256.Floor(scaled + Vector256.Create(0.5f)));
                Vector256.Clamp(rounded, Vector256.Create(-1023), Vector256.Create(1023)).StoreUnsafe(ref n0, (nuint)i);
            }
        }
        else
        {
            for (int i = 0; i < 64; i++)
            {
                natural[i] = Math.Clamp((int)MathF.Floor((block[i] * divisors[i]) + 0.5f), -1023, 1023);
            }
        }

        ReadOnlySpan<byte> order = JpegEncoderConstants.ZigZagToNatural;
        for (int k = 1; k < 64; k++)
        {
            zigzag[k] = (short)natural[order[k]];
        }

        // DC has its own, wider range (±2047): recompute it unclamped by the AC limit.
        zigzag[0] = (short)Math.Clamp((int)MathF.Floor((block[0] * divisors[0]) + 0.5f), -2047, 2047);
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
        uint[][] dc = [.. dcSpecs.Select(PackedCodes)];
        uint[][] ac = [.. acSpecs.Select(PackedCodes)];
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
                uint[] dcCodes = dc[_components[c].Table];
                uint[] acCodes = ac[_components[c].Table];
                for (int i = 0; i < _components[c].H * _components[c].V; i++, b++)
                {
                    lastDc[c] = EncodeBlock(w, coefficients.AsSpan(b * 64, 64), lastDc[c], dcCodes, acCodes);
                }
            }
        }

        w.AlignWithOnes();
    }

    /// <summary>Codes one block (T.81 §F.1.2.1–F.1.2.2); returns its DC value, the next prediction.</summary>
    private static int EncodeBlock(JpegBitWriter w, ReadOnlySpan<short> zz, int lastDc, uint[] dcCodes, uint[] acCodes)
    {
        int dcValue = zz[0];
        int diff = dcValue - lastDc;
        int size = Category(diff);
        uint code = dcCodes[size];

        // One write per symbol: the Huffman code followed by its SSSS appended bits (at most 16 + 11 bits).
        w.WriteBits((code >> 8 << size) | Magnitude(diff, size), (int)(code & 0xFF) + size);
        // Walk only the non-zero AC coefficients: the gap between consecutive set bits is the zero run.
        ulong nonZero = NonZeroMask(zz) & ~1UL;
        int previous = 0;
        while (nonZero != 0)
        {
            int k = BitOperations.TrailingZeroCount(nonZero);
            nonZero &= nonZero - 1;
            int run = k - previous - 1;
            previous = k;
            for (; run > 15; run -= 16)
            {
                uint zrl = acCodes[0xF0];
                w.WriteBits(zrl >> 8, (int)(zrl & 0xFF));
            }

            int v = zz[k];
            int s = Category(v);
            uint symbol = acCodes[(run << 4) | s];
            w.WriteBits((symbol >> 8 << s) | Magnitude(v, s), (int)(symbol & 0xFF) + s);
        }

        if (previous != 63)
        {
            uint eob = acCodes[0x00];
            w.WriteBits(eob >> 8, (int)(eob & 0xFF));
        }

        return dcValue;
    }

    /// <summary>Bit k set when zig-zag coefficient k is non-zero.</summary>
    internal static ulong NonZeroMask(ReadOnlySpan<short> zz)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            ref short z = ref MemoryMarshal.GetReference(zz);
            ulong mask = 0;
            for (int i = 0; i < 64; i += 16)
            {
                var zero = Vector256.Equals(Vector256.LoadUnsafe(ref z, (nuint)i), Vector256<short>.Zero);
                mask |= (ulong)(~zero.ExtractMostSignificantBits() & 0xFFFF) << i;
            }

            return mask;
        }

        return NonZeroMaskScalar(zz);
    }

    /// <summary>The reference for <see cref="NonZeroMask"/>.</summary>
    internal static ulong NonZeroMaskScalar(ReadOnlySpan<short> zz)
    {
        ulong mask = 0;
        for (int k = 0; k < 64; k++)
        {
            if (zz[k] != 0)
            {
                mask |= 1UL << k;
            }
        }

        return mask;
    }

    /// <summary>Per symbol: code &lt;&lt; 8 | length, so the coder fetches both with one load.</summary>
    private static uint[] PackedCodes(JpegHuffmanSpec spec)
    {
        var (codes, lengths) = spec.BuildCodes();
        var packed = new uint[256];
        for (int i = 0; i < 256; i++)
        {
            packed[i] = ((uint)codes[i] << 8) | lengths[i];
        }

        return packed;
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

    /// <summary>One worker's pooled strip planes: full-resolution Y/Cb/Cr for one MCU row, and downsampled chroma.</summary>
    private sealed class StripWorkspace : IDisposable
    {
        public StripWorkspace(int stripWidth, int stripHeight, int chromaWidth, bool color)
        {
            StripWidth = stripWidth;
            StripHeight = stripHeight;
            ChromaWidth = chromaWidth;
            Y = ArrayPool<float>.Shared.Rent(stripWidth * stripHeight);
            Cb = color ? ArrayPool<float>.Shared.Rent(stripWidth * stripHeight) : [];
            Cr = color ? ArrayPool<float>.Shared.Rent(stripWidth * stripHeight) : [];
            CbSmall = color ? ArrayPool<float>.Shared.Rent(chromaWidth * 8) : [];
            CrSmall = color ? ArrayPool<float>.Shared.Rent(chromaWidth * 8) : [];
        }

        public int StripWidth { get; }

        public int StripHeight { get; }

        public int ChromaWidth { get; }

        public float[] Y { get; }

        public float[] Cb { get; }

        public float[] Cr { get; }

        public float[] CbSmall { get; }

        public float[] CrSmall { get; }

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(Y);
            foreach (float[] a in new[] { Cb, Cr, CbSmall, CrSmall })
            {
                if (a.Length > 0)
                {
                    ArrayPool<float>.Shared.Return(a);
                }
            }
        }
    }

    /// <summary>A frame component: identifier, sampling factors, and the quantisation/Huffman table index.</summary>
    private readonly record struct Component(int Id, int H, int V, int Table);
}
