using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// The PNG decoding state machine: walks the chunks in order (PNG 2nd ed. §5.6 ordering rules), keeps the
/// header, palette, transparency and the positions of the IDAT data, then inflates the image data row by row,
/// unfilters each row and converts it to output pixels. Only as many bytes as IHDR implies are ever inflated.
/// </summary>
internal sealed class PngDecoderCore
{
    private readonly ReadOnlyMemory<byte> _file;
    private readonly PngDecoderOptions _options;
    private readonly string? _fileName;
    private readonly List<(int Offset, int Length)> _idat = [];
    private PngHeader _header;
    private Stage _stage = Stage.Start;
    private byte[]? _plte;
    private byte[]? _trns;
    private byte[]? _exif;

    public PngDecoderCore(ReadOnlyMemory<byte> file, PngDecoderOptions options, string? fileName)
    {
        _file = file;
        _options = options;
        _fileName = fileName;
    }

    private delegate void RowWriter<T>(ReadOnlySpan<byte> row, int pixels, Span<T> destination);

    private enum Stage
    {
        Start,
        BeforeImageData,
        InImageData,
        AfterImageData,
        End,
    }

    /// <summary>The raw eXIf payload after <see cref="ReadChunks"/>, or null.</summary>
    public byte[]? Exif => _exif;

    /// <summary>
    /// Reads chunks up to IEND (or only up to IHDR when <paramref name="headerOnly"/>), validating order,
    /// CRCs and limits. Returns the header.
    /// </summary>
    public PngHeader ReadChunks(bool headerOnly)
    {
        var reader = new PngChunkReader(_file.Span, _fileName);
        while (_stage != Stage.End)
        {
            if (reader.AtEnd)
            {
                PngThrowHelper.Truncated(_fileName, _stage == Stage.Start ? "no IHDR chunk" : "no IEND chunk after the image data");
            }

            int chunkStart = reader.Position;
            reader.Next(out uint type, out int offset, out int length);
            ReadOnlySpan<byte> data = _file.Span.Slice(offset, length);
            if (_stage == Stage.Start && type != PngConstants.IHDR)
            {
                PngThrowHelper.Invalid(_fileName, $"first chunk is '{PngThrowHelper.ChunkName(type)}', expected IHDR");
            }

            if (_stage == Stage.InImageData && type != PngConstants.IDAT)
            {
                _stage = Stage.AfterImageData;
            }

            switch (type)
            {
                case PngConstants.IHDR:
                    if (_stage != Stage.Start)
                    {
                        PngThrowHelper.Invalid(_fileName, $"second IHDR chunk at offset {chunkStart}");
                    }

                    _header = ParseHeader(data);
                    _stage = Stage.BeforeImageData;
                    if (headerOnly)
                    {
                        return _header;
                    }

                    break;

                case PngConstants.PLTE:
                    OnPalette(data, chunkStart);
                    break;

                case PngConstants.TRNS:
                    OnTransparency(data);
                    break;

                case PngConstants.IDAT:
                    if (_stage == Stage.AfterImageData)
                    {
                        PngThrowHelper.Invalid(_fileName, $"IDAT chunk at offset {chunkStart} follows other chunks after the image data (IDAT chunks must be consecutive)");
                    }

                    if (_header.ColorType == PngColorType.Indexed && _plte is null)
                    {
                        PngThrowHelper.Invalid(_fileName, "indexed-colour image has no PLTE chunk before its image data");
                    }

                    _stage = Stage.InImageData;
                    if (length > 0)
                    {
                        _idat.Add((offset, length));
                    }

                    break;

                case PngConstants.IEND:
                    if (_stage is not (Stage.AfterImageData or Stage.InImageData))
                    {
                        PngThrowHelper.Invalid(_fileName, "IEND reached without any IDAT chunk");
                    }

                    _stage = Stage.End;
                    break;

                case PngConstants.EXIF:
                    // Ancillary: an empty or repeated eXIf is ignored rather than fatal, as libpng does.
                    if (_exif is null && length > 0)
                    {
                        _exif = data.ToArray();
                    }

                    break;

                default:
                    // Bit 5 of the first type byte clear (upper-case letter) marks a critical chunk (§5.4): a decoder
                    // that does not know one cannot render the image correctly and must stop.
                    if ((type & 0x20000000) == 0)
                    {
                        PngThrowHelper.Unsupported(_fileName, $"unknown critical PNG chunk '{PngThrowHelper.ChunkName(type)}' at offset {chunkStart}");
                    }

                    break; // Unknown ancillary chunks (and gAMA, iCCP, text, …) are skipped.
            }
        }

        return _header;
    }

    /// <summary>Decodes the image data into 8-bit samples. Call after <see cref="ReadChunks"/>.</summary>
    public PixelBuffer<byte> Decode8()
    {
        var converter = new PngRowConverter(_header, _plte, _trns, _trns is not null);
        CheckImageDataCanFillTheImage();
        var buffer = Allocate<byte>(converter.Channels);
        try
        {
            DecodeImage(buffer, converter.Channels, converter.To8);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Decodes the image data into 16-bit samples. Call after <see cref="ReadChunks"/>.</summary>
    public PixelBuffer<ushort> Decode16()
    {
        var converter = new PngRowConverter(_header, _plte, _trns, _trns is not null);
        CheckImageDataCanFillTheImage();
        var buffer = Allocate<ushort>(converter.Channels);
        try
        {
            DecodeImage(buffer, converter.Channels, converter.To16);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Deflate cannot expand data more than ~1032:1 (a 258-byte match costs at least 2 bits), so IDAT payloads
    /// too short to reach the size IHDR implies are rejected before the pixel buffer is allocated: a 100-byte file
    /// claiming 10000x10000 pixels must not cost 400 MB.
    /// </summary>
    private void CheckImageDataCanFillTheImage()
    {
        const long MaxDeflateRatio = 1100;
        long compressed = 0;
        foreach (var (_, length) in _idat)
        {
            compressed += length;
        }

        long expected = ExpectedInflatedBytes(_header);
        if ((compressed * MaxDeflateRatio) + 1024 < expected)
        {
            PngThrowHelper.Invalid(_fileName, $"IDAT holds {compressed} bytes, too few to inflate to the {expected} bytes that IHDR {_header.Width}x{_header.Height} implies (truncated image data)");
        }
    }

    private PixelBuffer<T> Allocate<T>(int channels) where T : unmanaged
    {
        long elements = (long)_header.Width * _header.Height * channels;
        if (elements > PixelBuffer<T>.MaxElements)
        {
            PngThrowHelper.TooLarge(_fileName, $"{_header.Width}x{_header.Height} with {channels} channels exceeds the largest pixel buffer");
        }

        try
        {
            return new PixelBuffer<T>(_header.Width, _header.Height, channels, clear: false);
        }
        catch (OutOfMemoryException)
        {
            PngThrowHelper.TooLarge(_fileName, $"not enough memory for {_header.Width}x{_header.Height} with {channels} channels");
            return null!;
        }
    }

    private void DecodeImage<T>(PixelBuffer<T> destination, int channels, RowWriter<T> write) where T : unmanaged
    {
        PngHeader h = _header;
        int maxRowBytes = (int)h.RowBytes(h.Width);
        byte[] current = ArrayPool<byte>.Shared.Rent(maxRowBytes + 1);
        byte[] previous = ArrayPool<byte>.Shared.Rent(maxRowBytes + 1);
        T[]? passRow = h.Interlaced ? ArrayPool<T>.Shared.Rent(h.Width * channels) : null;
        try
        {
            using var idat = new PngIdatStream(_file, _idat);
            using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
            int passes = h.Interlaced ? 7 : 1;
            for (int pass = 0; pass < passes; pass++)
            {
                int xs = h.Interlaced ? PngConstants.Adam7XStart[pass] : 0;
                int ys = h.Interlaced ? PngConstants.Adam7YStart[pass] : 0;
                int dx = h.Interlaced ? PngConstants.Adam7XStep[pass] : 1;
                int dy = h.Interlaced ? PngConstants.Adam7YStep[pass] : 1;
                int passWidth = PngConstants.PassExtent(h.Width, xs, dx);
                int passHeight = PngConstants.PassExtent(h.Height, ys, dy);
                if (passWidth == 0 || passHeight == 0)
                {
                    continue; // An empty pass has no scanlines and no filter bytes (§8.2).
                }

                int rowBytes = (int)h.RowBytes(passWidth);
                Array.Clear(previous, 0, rowBytes + 1);
                for (int j = 0; j < passHeight; j++)
                {
                    Span<byte> line = current.AsSpan(0, rowBytes + 1);
                    int got = ReadInflated(inflater, line);
                    if (got < line.Length)
                    {
                        PngThrowHelper.Invalid(_fileName, $"image data ends early: row {j} of {passHeight}" + (h.Interlaced ? $" in Adam7 pass {pass + 1}" : string.Empty) + " is missing (truncated IDAT)");
                    }

                    Span<byte> row = line[1..];
                    if (!PngUnfilter.Apply(line[0], row, previous.AsSpan(1, rowBytes), h.FilterStride))
                    {
                        PngThrowHelper.Invalid(_fileName, $"unknown filter type {line[0]} on row {j}" + (h.Interlaced ? $" of Adam7 pass {pass + 1}" : string.Empty));
                    }

                    int y = ys + (j * dy);
                    if (!h.Interlaced)
                    {
                        write(row, h.Width, destination.Row(y));
                    }
                    else
                    {
                        Span<T> packed = passRow.AsSpan(0, passWidth * channels);
                        write(row, passWidth, packed);
                        Span<T> target = destination.Row(y);
                        for (int i = 0; i < passWidth; i++)
                        {
                            packed.Slice(i * channels, channels).CopyTo(target[((xs + (i * dx)) * channels)..]);
                        }
                    }

                    (current, previous) = (previous, current);
                }
            }

            // One byte more than IHDR implies means the stream inflates beyond the declared image: reject it
            // (this also makes zlib reach its end and verify the Adler-32 check value).
            Span<byte> probe = stackalloc byte[1];
            if (ReadInflated(inflater, probe) != 0)
            {
                PngThrowHelper.Invalid(_fileName, $"image data inflates beyond the {ExpectedInflatedBytes(h)} bytes that IHDR {h.Width}x{h.Height} implies");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(previous);
            if (passRow is not null)
            {
                ArrayPool<T>.Shared.Return(passRow);
            }
        }
    }

    private int ReadInflated(ZLibStream inflater, Span<byte> destination)
    {
        try
        {
            return inflater.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            PngThrowHelper.Invalid(_fileName, $"corrupt zlib data in IDAT: {e.Message}", e);
            return 0;
        }
    }

    private static long ExpectedInflatedBytes(PngHeader h)
    {
        if (!h.Interlaced)
        {
            return h.Height * (h.RowBytes(h.Width) + 1);
        }

        long total = 0;
        for (int p = 0; p < 7; p++)
        {
            int w = PngConstants.PassExtent(h.Width, PngConstants.Adam7XStart[p], PngConstants.Adam7XStep[p]);
            int rows = PngConstants.PassExtent(h.Height, PngConstants.Adam7YStart[p], PngConstants.Adam7YStep[p]);
            if (w > 0)
            {
                total += rows * (h.RowBytes(w) + 1);
            }
        }

        return total;
    }

    private PngHeader ParseHeader(ReadOnlySpan<byte> d)
    {
        if (d.Length != 13)
        {
            PngThrowHelper.Invalid(_fileName, $"IHDR has {d.Length} bytes, expected 13");
        }

        uint w = BinaryPrimitives.ReadUInt32BigEndian(d);
        uint hgt = BinaryPrimitives.ReadUInt32BigEndian(d[4..]);
        int depth = d[8];
        byte colorType = d[9];
        if (w == 0 || hgt == 0 || w > int.MaxValue || hgt > int.MaxValue)
        {
            PngThrowHelper.Invalid(_fileName, $"IHDR size {w}x{hgt} is outside 1..2^31-1");
        }

        bool depthOk = colorType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!depthOk)
        {
            PngThrowHelper.Invalid(_fileName, $"IHDR colour type {colorType} with bit depth {depth} is not a valid combination");
        }

        if (d[10] != 0 || d[11] != 0)
        {
            PngThrowHelper.Invalid(_fileName, $"IHDR compression method {d[10]} / filter method {d[11]} (only 0 is defined)");
        }

        if (d[12] > 1)
        {
            PngThrowHelper.Invalid(_fileName, $"IHDR interlace method {d[12]} (only 0 and 1 are defined)");
        }

        if (w > _options.MaxDimension || hgt > _options.MaxDimension)
        {
            PngThrowHelper.TooLarge(_fileName, $"{w}x{hgt} exceeds the {_options.MaxDimension}-pixel side limit");
        }

        if ((long)w * hgt > _options.MaxPixels)
        {
            PngThrowHelper.TooLarge(_fileName, $"{w}x{hgt} = {(long)w * hgt} pixels exceeds the limit of {_options.MaxPixels}");
        }

        var header = new PngHeader((int)w, (int)hgt, depth, (PngColorType)colorType, d[12] == 1);
        if (header.RowBytes(header.Width) + 1 > Array.MaxLength)
        {
            PngThrowHelper.TooLarge(_fileName, $"a row of {w} pixels is longer than the largest array");
        }

        return header;
    }

    private void OnPalette(ReadOnlySpan<byte> data, int chunkStart)
    {
        if (_stage is Stage.InImageData or Stage.AfterImageData)
        {
            PngThrowHelper.Invalid(_fileName, $"PLTE chunk at offset {chunkStart} comes after the image data");
        }

        if (_plte is not null)
        {
            PngThrowHelper.Invalid(_fileName, $"second PLTE chunk at offset {chunkStart}");
        }

        if (_header.ColorType != PngColorType.Indexed)
        {
            // A suggested palette for truecolour (or a stray one in greyscale, which libpng also ignores): unused.
            _plte = [];
            return;
        }

        if (data.Length == 0 || data.Length % 3 != 0 || data.Length > 768)
        {
            PngThrowHelper.Invalid(_fileName, $"PLTE has {data.Length} bytes; it must hold 1 to 256 RGB entries");
        }

        // More entries than the bit depth can index are unreachable; keep only the reachable ones (as libpng does).
        int entries = Math.Min(data.Length / 3, 1 << _header.BitDepth);
        _plte = data[..(entries * 3)].ToArray();
    }

    private void OnTransparency(ReadOnlySpan<byte> data)
    {
        // tRNS is ancillary: out of place, repeated or malformed ones are ignored, as libpng does.
        if (_trns is not null || _stage != Stage.BeforeImageData)
        {
            return;
        }

        switch (_header.ColorType)
        {
            case PngColorType.Grayscale when data.Length == 2:
            case PngColorType.Truecolor when data.Length == 6:
                _trns = data.ToArray();
                break;
            case PngColorType.Indexed when _plte is not null && data.Length > 0:
                _trns = data[..Math.Min(data.Length, _plte.Length / 3)].ToArray();
                break;
        }
    }
}
