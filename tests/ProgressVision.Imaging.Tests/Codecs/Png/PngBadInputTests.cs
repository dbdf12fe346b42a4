using System.Buffers.Binary;
using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>Malformed PNG input: every case must raise <see cref="InvalidImageException"/> naming the problem.</summary>
public sealed class PngBadInputTests
{
    private const string Basn2c08 = "basn2c08.png";   // 8-bit RGB, 32x32
    private const string Basn0g08 = "basn0g08.png";   // 8-bit grey, 32x32
    private const string Ibasn6a16 = "ibasn6a16.png"; // 16-bit RGBA, interlaced

    private static byte[] Suite(string name) => File.ReadAllBytes(Path.Combine(SharedCorpus.PngSuite, name));

    private static InvalidImageException Rejected(byte[] data, string label = "case.png") =>
        Assert.ThrowsAny<InvalidImageException>(() => PngDecoder.Decode(data, fileName: label).Dispose());

    [Fact]
    public void ZeroLengthInputIsRejected()
    {
        var e = Rejected([], "empty.png");
        Assert.Contains("empty.png", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Basn2c08)]
    [InlineData(Ibasn6a16)]
    public void TruncationAtEveryOffsetIsRejected(string name)
    {
        byte[] full = Suite(name);
        using (PngDecoder.Decode(full))
        {
        }

        for (int n = 0; n < full.Length; n++)
        {
            var e = Assert.ThrowsAny<InvalidImageException>(() => PngDecoder.Decode(full.AsMemory(0, n), fileName: name).Dispose());
            Assert.StartsWith(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WrongCrcIsRejectedNamingTheChunk()
    {
        byte[] data = Suite(Basn0g08);
        var idat = PngBytes.Chunks(data).First(c => c.Type == "IDAT");
        data[idat.Offset + 8 + idat.Length] ^= 0x01; // first CRC byte
        var e = Rejected(data);
        Assert.Contains("'IDAT'", e.Problem, StringComparison.Ordinal);
        Assert.Contains("CRC", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptAncillaryChunkCrcIsRejectedToo()
    {
        byte[] data = Suite("ftbbn2c16.png");
        var gama = PngBytes.Chunks(data).First(c => c.Type == "gAMA");
        data[gama.Offset + 8] ^= 0x40; // data byte, CRC left as it was
        Assert.Contains("'gAMA'", Rejected(data).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeDimensionsAreRejectedFromIhdrBeforeAllocating()
    {
        // A 100000x100000 RGBA image would need 40 GB; IHDR alone must be enough to refuse it.
        byte[] data = PngBytes.File(PngBytes.Chunk("IHDR", PngBytes.Ihdr(100_000, 100_000, 8, 6)), PngBytes.Chunk("IEND", []));
        var e = Assert.Throws<ImageTooLargeException>(() => PngDecoder.Decode(data, fileName: "huge.png").Dispose());
        Assert.Contains("100000x100000", e.Message, StringComparison.Ordinal);
        Assert.Throws<ImageTooLargeException>(() => PngDecoder.Identify(data));
    }

    [Fact]
    public void LargeDeclaredImageWithTinyDataIsRejectedWithoutAllocatingIt()
    {
        // 10000x10000 RGBA is under the pixel limit but needs 400 MB; 200 bytes of IDAT can never fill it.
        byte[] data = PngBytes.File(
            PngBytes.Chunk("IHDR", PngBytes.Ihdr(10_000, 10_000, 8, 6)),
            PngBytes.Chunk("IDAT", PngBytes.Zlib(new byte[20_000])),
            PngBytes.Chunk("IEND", []));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Rejected(data, "sparse.png");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("too few to inflate", e.Problem, StringComparison.Ordinal);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes before rejecting");
    }

    [Fact]
    public void PixelLimitIsConfigurable()
    {
        byte[] data = Suite(Basn0g08);
        Assert.Throws<ImageTooLargeException>(() => PngDecoder.Decode(data, new PngDecoderOptions { MaxPixels = 32 * 32 - 1 }).Dispose());
        Assert.Throws<ImageTooLargeException>(() => PngDecoder.Decode(data, new PngDecoderOptions { MaxDimension = 31 }).Dispose());
        using var ok = PngDecoder.Decode(data, new PngDecoderOptions { MaxPixels = 32 * 32, MaxDimension = 32 });
        Assert.Equal(32, ok.Width);
    }

    [Fact]
    public void ZlibBombInflatingBeyondTheDeclaredSizeIsRejected()
    {
        // 16x16 grey needs 16 × (1 + 16) = 272 inflated bytes; this IDAT inflates to 64 MiB of zeros (~64 KB compressed).
        byte[] raw = new byte[64 << 20];
        byte[] idat = PngBytes.Zlib(raw);
        Assert.True(idat.Length < 200_000);
        byte[] data = PngBytes.File(
            PngBytes.Chunk("IHDR", PngBytes.Ihdr(16, 16, 8, 0)),
            PngBytes.Chunk("IDAT", idat),
            PngBytes.Chunk("IEND", []));
        var e = Rejected(data, "bomb.png");
        Assert.Contains("inflates beyond the 272 bytes", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLittleImageDataIsRejected()
    {
        byte[] data = PngBytes.File(
            PngBytes.Chunk("IHDR", PngBytes.Ihdr(16, 16, 8, 0)),
            PngBytes.Chunk("IDAT", PngBytes.Zlib(new byte[271])),
            PngBytes.Chunk("IEND", []));
        Assert.Contains("row 15 of 16", Rejected(data).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFilterTypeIsRejected()
    {
        byte[] raw = new byte[2 * 3];
        raw[3] = 5; // second row's filter byte
        byte[] data = PngBytes.File(
            PngBytes.Chunk("IHDR", PngBytes.Ihdr(2, 2, 8, 0)),
            PngBytes.Chunk("IDAT", PngBytes.Zlib(raw)),
            PngBytes.Chunk("IEND", []));
        Assert.Contains("unknown filter type 5 on row 1", Rejected(data).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCriticalChunkIsUnsupportedButUnknownAncillaryIsSkipped()
    {
        byte[] ihdr = PngBytes.Chunk("IHDR", PngBytes.Ihdr(1, 1, 8, 0));
        byte[] idat = PngBytes.Chunk("IDAT", PngBytes.Zlib(new byte[] { 0, 77 }));
        byte[] iend = PngBytes.Chunk("IEND", []);
        byte[] critical = PngBytes.File(ihdr, PngBytes.Chunk("ABCD", [1, 2]), idat, iend);
        Assert.Throws<UnsupportedImageFeatureException>(() => PngDecoder.Decode(critical).Dispose());
        byte[] ancillary = PngBytes.File(ihdr, PngBytes.Chunk("abCD", [1, 2]), idat, iend);
        using var image = PngDecoder.Decode(ancillary);
        Assert.Equal(77, image.Pixels[0, 0]);
    }

    [Fact]
    public void ExifChunkIsReturnedRaw()
    {
        byte[] exif = [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 0];
        byte[] data = PngBytes.File(
            PngBytes.Chunk("IHDR", PngBytes.Ihdr(1, 1, 8, 0)),
            PngBytes.Chunk("eXIf", exif),
            PngBytes.Chunk("IDAT", PngBytes.Zlib(new byte[] { 0, 9 })),
            PngBytes.Chunk("IEND", []));
        using var image = PngDecoder.Decode(data);
        Assert.Equal(exif, image.Exif);
    }

    [Fact]
    public void ExifOrientationInPngReachesImageMetadata()
    {
        // Big-endian TIFF: header, IFD0 with one entry, Orientation (0x0112) SHORT = 6 (rotate 90° clockwise to view).
        byte[] exif = [0x4D, 0x4D, 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
        byte[] raw = [0, 1, 2, 3, 0, 4, 5, 6]; // 3x2 grey, filter 0 on both rows
        byte[] data = PngBytes.File(
            PngBytes.Chunk("IHDR", PngBytes.Ihdr(3, 2, 8, 0)),
            PngBytes.Chunk("eXIf", exif),
            PngBytes.Chunk("IDAT", PngBytes.Zlib(raw)),
            PngBytes.Chunk("IEND", []));
        using var decoded = ProgressVision.Imaging.Codecs.ImageCodecs.Decode(data, "exif.png");
        Assert.Equal(6, decoded.Metadata.Orientation);
        Assert.Equal((3, 2), (decoded.Metadata.OriginalWidth, decoded.Metadata.OriginalHeight));
        Assert.False(decoded.Metadata.HasGps);
    }

    /// <summary>The corrupt files of the full PngSuite ("x" prefix), rebuilt from valid PngSuite files.</summary>
    public static TheoryData<string> PngSuiteCorruptions => new()
    {
        "xs1n0g01 signature byte 1 changed",
        "xs2n0g01 signature byte 2 changed",
        "xs4n0g01 signature byte 4 changed",
        "xs7n0g01 signature byte 7 changed",
        "xcrn0g04 added cr bytes",
        "xlfn0g04 added lf bytes",
        "xhdn0g08 incorrect IHDR checksum",
        "xc1n0g08 color type 1",
        "xc9n2c08 color type 9",
        "xd0n2c08 bit-depth 0",
        "xd3n2c08 bit-depth 3",
        "xd9n2c08 bit-depth 99",
        "xdtn0g01 missing IDAT chunk",
        "xcsn0g01 incorrect IDAT checksum",
    };

    [Theory]
    [MemberData(nameof(PngSuiteCorruptions))]
    public void PngSuiteStyleCorruptionIsRejected(string corruption)
    {
        string id = corruption[..8];
        byte[] data = Suite(id[5..7] == "2c" ? Basn2c08 : id[5..8] == "g01" ? "basn0g01.png" : id[5..8] == "g04" ? "basn0g04.png" : Basn0g08);
        var chunks = PngBytes.Chunks(data);
        var ihdr = chunks.First(c => c.Type == "IHDR");
        switch (id)
        {
            case "xs1n0g01": data[1] ^= 0x20; break;
            case "xs2n0g01": data[2] ^= 0x20; break;
            case "xs4n0g01": data[4] = 0x0A; break;
            case "xs7n0g01": data[7] = 0x0D; break;
            case "xcrn0g04": data = [.. data[..4], 0x0D, .. data[4..]]; break; // CR-LF conversion damage
            case "xlfn0g04": data = [.. data[..6], 0x0D, .. data[6..]]; break;
            case "xhdn0g08": data[ihdr.Offset + 8 + 13] ^= 0xFF; break;
            case "xc1n0g08": data[ihdr.Offset + 8 + 9] = 1; PngBytes.FixCrcs(data); break;
            case "xc9n2c08": data[ihdr.Offset + 8 + 9] = 9; PngBytes.FixCrcs(data); break;
            case "xd0n2c08": data[ihdr.Offset + 8 + 8] = 0; PngBytes.FixCrcs(data); break;
            case "xd3n2c08": data[ihdr.Offset + 8 + 8] = 3; PngBytes.FixCrcs(data); break;
            case "xd9n2c08": data[ihdr.Offset + 8 + 8] = 99; PngBytes.FixCrcs(data); break;
            case "xdtn0g01":
                data = [.. data.Where((_, i) => !chunks.Any(c => c.Type == "IDAT" && i >= c.Offset && i < c.Offset + 12 + c.Length))];
                break;
            case "xcsn0g01":
                var idat = chunks.First(c => c.Type == "IDAT");
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(idat.Offset + 8 + idat.Length), 0xDEADBEEF);
                break;
        }

        var e = Rejected(data, id + ".png");
        Assert.StartsWith(id + ".png: invalid PNG", e.Message, StringComparison.Ordinal);
    }
}
