using System.Buffers;
using System.Buffers.Binary;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Exif;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// The decoder state machine: walks the marker segments of T.81 Annex B (a <c>switch</c> over
/// markers), keeps tables and frame state, runs each scan through the entropy decoder and finally
/// assembles RGB or gray pixels. One instance decodes one file.
/// </summary>
internal sealed partial class JpegDecoderCore : IDisposable
{
    private readonly string? _file;
    private readonly JpegDecoderOptions _options;
    private readonly int[]?[] _quantTables = new int[]?[4];
    private readonly JpegHuffmanTable?[] _dcTables = new JpegHuffmanTable?[4];
    private readonly JpegHuffmanTable?[] _acTables = new JpegHuffmanTable?[4];
    private int _restartInterval;
    private bool _hasJfif;
    private int _adobeTransform = -1;
    private ExifData _exif = ExifData.Empty;

    // Frame state (SOFn).
    private bool _frameSeen;
    private bool _progressive;
    private int _width;
    private int _height;
    private JpegComponent[] _components = [];
    private int _maxH;
    private int _maxV;
    private int _mcusPerLine;
    private int _mcusPerColumn;
    private int _minScaledSize = 8;
    private bool _buffersAllocated;
    private bool _baselineScanComplete;
    private int _scansDecoded;
    private JpegPixelAssembler? _assembler;

    public JpegDecoderCore(string? file, JpegDecoderOptions options)
    {
        _file = file;
        _options = options;
        if (options.ScaleDenominator is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ScaleDenominator must be 1, 2, 4 or 8 (was {options.ScaleDenominator}).");
        }

        _minScaledSize = 8 / options.ScaleDenominator;
    }

    /// <summary>Full-size width from the frame header.</summary>
    public int Width => _width;

    /// <summary>Full-size height from the frame header.</summary>
    public int Height => _height;

    /// <summary>Exif found before the frame.</summary>
    public ExifData Exif => _exif;

    /// <summary>Decodes the whole file and returns unoriented pixels (RGB or gray).</summary>
    public PixelBuffer<byte> Decode(ReadOnlySpan<byte> data)
    {
        int pos = ReadSegments(data, headersOnly: false);
        _ = pos;
        if (!_frameSeen)
        {
            JpegThrowHelper.ThrowInvalid(_file, "no frame header (SOF) before the end of the file");
        }

        if (_scansDecoded == 0)
        {
            JpegThrowHelper.ThrowInvalid(_file, "no image data (no scan before the end of the file)");
        }

        if (_progressive)
        {
            FinishProgressive();
        }

        return _assembler!.Finish();
    }

    /// <summary>Reads only the headers up to the first scan: size and Exif, no pixels.</summary>
    public void Identify(ReadOnlySpan<byte> data)
    {
        ReadSegments(data, headersOnly: true);
        if (!_frameSeen)
        {
            JpegThrowHelper.ThrowInvalid(_file, "no frame header (SOF) before the end of the file");
        }
    }

    public void Dispose()
    {
        _assembler?.Dispose();
        foreach (var c in _components)
        {
            if (c.Plane is { } p)
            {
                ArrayPool<byte>.Shared.Return(p);
                c.Plane = null;
            }

            if (c.Coefficients is { } k)
            {
                ArrayPool<short>.Shared.Return(k);
                c.Coefficients = null;
            }
        }
    }

    internal JpegComponent[] Components => _components;

    internal int MaxH => _maxH;

    internal int MaxV => _maxV;

    internal int MinScaledSize => _minScaledSize;

    internal string? FileName => _file;

    /// <summary>True when the 3 components hold R, G, B rather than Y, Cb, Cr (Adobe transform 0, or ids 'R','G','B' without JFIF).</summary>
    internal bool IsRgb =>
        _components.Length == 3 &&
        (_adobeTransform == 0 ||
         (_adobeTransform < 0 && !_hasJfif && _components[0].Id == 'R' && _components[1].Id == 'G' && _components[2].Id == 'B'));

    private int ReadSegments(ReadOnlySpan<byte> data, bool headersOnly)
    {
        if (data.Length == 0)
        {
            JpegThrowHelper.ThrowInvalid(_file, "file is empty (0 bytes)");
        }

        if (data.Length < 2 || data[0] != 0xFF || data[1] != JpegConstants.Soi)
        {
            JpegThrowHelper.ThrowInvalid(_file, "not a JPEG file (no SOI marker 0xFFD8 at the start)");
        }

        int pos = 2;
        while (true)
        {
            // Find the next marker; libjpeg also skips stray bytes here (with a warning).
            while (pos < data.Length && data[pos] != 0xFF)
            {
                pos++;
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++; // 0xFF fill bytes may precede any marker (B.1.1.2)
            }

            if (pos >= data.Length)
            {
                if (_frameSeen && !_progressive && _baselineScanComplete && !headersOnly)
                {
                    return pos; // missing EOI after a complete sequential scan: the pixels are all there
                }

                JpegThrowHelper.ThrowInvalid(_file, headersOnly && !_frameSeen
                    ? "truncated file (ends before the frame header)"
                    : "truncated file (ends before the EOI marker)");
            }

            byte marker = data[pos++];
            switch (marker)
            {
                case JpegConstants.Eoi:
                    return pos;
                case JpegConstants.Soi:
                    JpegThrowHelper.ThrowInvalid(_file, $"unexpected second SOI marker at offset {pos - 2}");
                    break;
                case >= JpegConstants.Rst0 and <= JpegConstants.Rst0 + 7:
                case 0x01: // TEM: stand-alone, no length
                    break;
                case JpegConstants.Sof0:
                case JpegConstants.Sof1:
                case JpegConstants.Sof2:
                    pos = ReadFrame(data, pos, progressive: marker == JpegConstants.Sof2);
                    break;
                case JpegConstants.Sof3:
                    JpegThrowHelper.ThrowUnsupported(_file, "lossless JPEG (SOF3)");
                    break;
                case 0xC5:
                case 0xC6:
                case 0xC7:
                case JpegConstants.Dhp:
                case JpegConstants.Exp:
                    JpegThrowHelper.ThrowUnsupported(_file, $"hierarchical JPEG (marker 0xFF{marker:X2})");
                    break;
                case 0xC9:
                case 0xCA:
                case 0xCB:
                case 0xCD:
                case 0xCE:
                case 0xCF:
                case JpegConstants.Dac:
                    JpegThrowHelper.ThrowUnsupported(_file, $"arithmetic coding (marker 0xFF{marker:X2})");
                    break;
                case JpegConstants.Dnl:
                    JpegThrowHelper.ThrowUnsupported(_file, "DNL marker (image height defined after the first scan)");
                    break;
                case JpegConstants.Dht:
                    pos = ReadHuffmanTables(data, pos);
                    break;
                case JpegConstants.Dqt:
                    pos = ReadQuantTables(data, pos);
                    break;
                case JpegConstants.Dri:
                    pos = ReadRestartInterval(data, pos);
                    break;
                case JpegConstants.Sos:
                    if (headersOnly)
                    {
                        if (!_frameSeen)
                        {
                            JpegThrowHelper.ThrowInvalid(_file, "scan (SOS) before the frame header (SOF)");
                        }

                        return pos;
                    }

                    pos = ReadScan(data, pos);
                    break;
                case JpegConstants.App0:
                case JpegConstants.App1:
                case JpegConstants.App14:
                    pos = ReadApp(data, pos, marker);
                    break;
                default:
                    // APPn, COM, JPGn and reserved markers with a length field: skip.
                    pos = SkipSegment(data, pos, marker);
                    break;
            }
        }
    }

    private ReadOnlySpan<byte> Segment(ReadOnlySpan<byte> data, int pos, byte marker, out int next)
    {
        if (pos + 2 > data.Length)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"truncated file (marker 0xFF{marker:X2} at offset {pos - 2} has no length)");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(pos));
        if (length < 2)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"corrupt segment length {length} for marker 0xFF{marker:X2} at offset {pos - 2}");
        }

        if (pos + length > data.Length)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"truncated file (segment 0xFF{marker:X2} at offset {pos - 2} needs {length} bytes, {data.Length - pos} remain)");
        }

        next = pos + length;
        return data.Slice(pos + 2, length - 2);
    }

    private int SkipSegment(ReadOnlySpan<byte> data, int pos, byte marker)
    {
        Segment(data, pos, marker, out int next);
        return next;
    }

    private int ReadApp(ReadOnlySpan<byte> data, int pos, byte marker)
    {
        var s = Segment(data, pos, marker, out int next);
        switch (marker)
        {
            case JpegConstants.App0 when s.StartsWith("JFIF\0"u8):
                _hasJfif = true;
                break;
            case JpegConstants.App1 when ExifReader.IsExifApp1(s) && ReferenceEquals(_exif, ExifData.Empty):
                _exif = ExifReader.ReadApp1(s);
                break;
            case JpegConstants.App14 when s.Length >= 12 && s.StartsWith("Adobe"u8):
                _adobeTransform = s[11];
                break;
        }

        return next;
    }

    private int ReadRestartInterval(ReadOnlySpan<byte> data, int pos)
    {
        var s = Segment(data, pos, JpegConstants.Dri, out int next);
        if (s.Length < 2)
        {
            JpegThrowHelper.ThrowInvalid(_file, "corrupt DRI segment (too short)");
        }

        _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(s);
        return next;
    }

    private int ReadQuantTables(ReadOnlySpan<byte> data, int pos)
    {
        var s = Segment(data, pos, JpegConstants.Dqt, out int next);
        while (s.Length > 0)
        {
            int pq = s[0] >> 4;
            int tq = s[0] & 15;
            if (pq > 1 || tq > 3)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt DQT segment (precision {pq}, table {tq})");
            }

            int need = 1 + (64 << pq);
            if (s.Length < need)
            {
                JpegThrowHelper.ThrowInvalid(_file, "corrupt DQT segment (too short for its tables)");
            }

            var table = new int[64];
            var zz = JpegConstants.ZigZagToNatural;
            for (int i = 0; i < 64; i++)
            {
                // Values arrive in zig-zag order (B.2.4.1); store them in natural order for the IDCT.
                table[zz[i]] = pq == 0 ? s[1 + i] : BinaryPrimitives.ReadUInt16BigEndian(s.Slice(1 + (2 * i)));
            }

            _quantTables[tq] = table;
            s = s.Slice(need);
        }

        return next;
    }

    private int ReadHuffmanTables(ReadOnlySpan<byte> data, int pos)
    {
        var s = Segment(data, pos, JpegConstants.Dht, out int next);
        while (s.Length > 0)
        {
            if (s.Length < 17)
            {
                JpegThrowHelper.ThrowInvalid(_file, "corrupt DHT segment (too short)");
            }

            int tc = s[0] >> 4;
            int th = s[0] & 15;
            if (tc > 1 || th > 3)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt DHT segment (class {tc}, table {th})");
            }

            var counts = s.Slice(1, 16);
            int total = 0;
            foreach (byte c in counts)
            {
                total += c;
            }

            if (total > 256 || s.Length < 17 + total)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt DHT segment ({total} symbols)");
            }

            var table = new JpegHuffmanTable();
            if (!table.Build(counts, s.Slice(17, total)))
            {
                JpegThrowHelper.ThrowInvalid(_file, "corrupt DHT segment (code lengths over-subscribed)");
            }

            if (tc == 0)
            {
                _dcTables[th] = table;
            }
            else
            {
                _acTables[th] = table;
            }

            s = s.Slice(17 + total);
        }

        return next;
    }

    private int ReadFrame(ReadOnlySpan<byte> data, int pos, bool progressive)
    {
        var s = Segment(data, pos, JpegConstants.Sof0, out int next);
        if (_frameSeen)
        {
            JpegThrowHelper.ThrowInvalid(_file, "more than one frame header (SOF)");
        }

        if (s.Length < 6)
        {
            JpegThrowHelper.ThrowInvalid(_file, "corrupt frame header (too short)");
        }

        int precision = s[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(s.Slice(1));
        int width = BinaryPrimitives.ReadUInt16BigEndian(s.Slice(3));
        int count = s[5];
        if (precision == 12 || precision == 16)
        {
            JpegThrowHelper.ThrowUnsupported(_file, $"{precision}-bit sample precision");
        }

        if (precision != 8)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"corrupt frame header (sample precision {precision})");
        }

        if (height == 0)
        {
            JpegThrowHelper.ThrowUnsupported(_file, "height 0 in the frame header (defined later by DNL)");
        }

        if (width == 0)
        {
            JpegThrowHelper.ThrowInvalid(_file, "corrupt frame header (width 0)");
        }

        if (width > _options.MaxDimension || height > _options.MaxDimension)
        {
            JpegThrowHelper.ThrowTooLarge(_file, $"image is {width}x{height}; the largest dimension allowed is {_options.MaxDimension}");
        }

        if ((long)width * height > _options.MaxPixels)
        {
            JpegThrowHelper.ThrowTooLarge(_file, $"image is {width}x{height} = {(long)width * height} pixels; the limit is {_options.MaxPixels}");
        }

        if (count == 4)
        {
            JpegThrowHelper.ThrowUnsupported(_file, "4-component (CMYK/YCCK) JPEG");
        }

        if (count != 1 && count != 3)
        {
            if (count == 0)
            {
                JpegThrowHelper.ThrowInvalid(_file, "corrupt frame header (0 components)");
            }

            JpegThrowHelper.ThrowUnsupported(_file, $"{count}-component JPEG");
        }

        if (s.Length < 6 + (3 * count))
        {
            JpegThrowHelper.ThrowInvalid(_file, "corrupt frame header (component list too short)");
        }

        var comps = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            int id = s[6 + (3 * i)];
            int h = s[7 + (3 * i)] >> 4;
            int v = s[7 + (3 * i)] & 15;
            int tq = s[8 + (3 * i)];
            if (h is < 1 or > 4 || v is < 1 or > 4 || tq > 3)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt frame header (component {id}: sampling {h}x{v}, quant table {tq})");
            }

            for (int j = 0; j < i; j++)
            {
                if (comps[j].Id == id)
                {
                    JpegThrowHelper.ThrowInvalid(_file, $"corrupt frame header (component id {id} repeated)");
                }
            }

            comps[i] = new JpegComponent { Id = id, Index = i, H = h, V = v, QuantTableIndex = tq };
        }

        _components = comps;
        _width = width;
        _height = height;
        _progressive = progressive;
        _frameSeen = true;
        _maxH = comps.Max(c => c.H);
        _maxV = comps.Max(c => c.V);
        if (count == 1)
        {
            // A single component is always decoded as non-interleaved blocks, whatever its factors say (A.2.2).
            _maxH = comps[0].H;
            _maxV = comps[0].V;
        }

        int blocksInMcu = comps.Sum(c => c.H * c.V);
        if (count > 1 && blocksInMcu > JpegConstants.MaxBlocksPerMcu)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"corrupt frame header ({blocksInMcu} blocks per MCU; at most 10 allowed)");
        }

        _mcusPerLine = DivCeil(width, 8 * _maxH);
        _mcusPerColumn = DivCeil(height, 8 * _maxV);
        foreach (var c in comps)
        {
            // Component size in samples (A.1.1): ceil(X * Hi / Hmax).
            int cw = DivCeil(width * c.H, _maxH);
            int chh = DivCeil(height * c.V, _maxV);
            c.BlocksPerLine = DivCeil(cw, 8);
            c.BlocksPerColumn = DivCeil(chh, 8);
            c.PaddedBlocksPerLine = count == 1 ? c.BlocksPerLine : _mcusPerLine * c.H;
            c.PaddedBlocksPerColumn = count == 1 ? c.BlocksPerColumn : _mcusPerColumn * c.V;

            // Reduced-size decode (libjpeg jdmaster.c): chroma may use a larger IDCT instead of
            // being upsampled later, when its subsampling ratio is a power of two.
            int ssize = _minScaledSize;
            while (ssize < 8 &&
                   (_maxH * _minScaledSize) % (c.H * ssize * 2) == 0 &&
                   (_maxV * _minScaledSize) % (c.V * ssize * 2) == 0)
            {
                ssize *= 2;
            }

            c.ScaledBlockSize = ssize;
            c.DownsampledWidth = (int)DivCeil((long)width * c.H * ssize, (long)_maxH * 8);
            c.DownsampledHeight = (int)DivCeil((long)height * c.V * ssize, (long)_maxV * 8);
        }

        return next;
    }

    private void AllocateBuffers()
    {
        // Validates the sampling ratios (fractional ones are unsupported) before any big allocation.
        _assembler = new JpegPixelAssembler(this);
        foreach (var c in _components)
        {
            c.PlaneStride = c.PaddedBlocksPerLine * c.ScaledBlockSize;
            long planeSize = (long)c.PlaneStride * c.PaddedBlocksPerColumn * c.ScaledBlockSize;
            if (planeSize > Array.MaxLength)
            {
                JpegThrowHelper.ThrowTooLarge(_file, $"component plane of {planeSize} samples is too large");
            }

            c.Plane = ArrayPool<byte>.Shared.Rent((int)planeSize);
            if (_progressive)
            {
                long coefs = (long)c.PaddedBlocksPerLine * c.PaddedBlocksPerColumn * 64;
                if (coefs > Array.MaxLength)
                {
                    JpegThrowHelper.ThrowTooLarge(_file, $"coefficient buffer of {coefs} values is too large");
                }

                c.Coefficients = ArrayPool<short>.Shared.Rent((int)coefs);
                Array.Clear(c.Coefficients, 0, (int)coefs);
            }
        }

        _buffersAllocated = true;
    }

    private static int DivCeil(int a, int b) => (a + b - 1) / b;

    private static long DivCeil(long a, long b) => (a + b - 1) / b;
}
