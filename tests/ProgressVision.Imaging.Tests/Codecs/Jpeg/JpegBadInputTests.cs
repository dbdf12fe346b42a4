using ProgressVision.Imaging.Codecs;
using ProgressVision.Imaging.Codecs.Jpeg;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg;

/// <summary>Corrupt, truncated, empty, foreign and oversized input: clear exceptions, no hangs, no huge allocations.</summary>
public sealed class JpegBadInputTests : IDisposable
{
    private readonly string _dir = JpegTestSupport.TempDir("jpeg-bad");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    internal static byte[] MakeJpeg(string dir, string name, int w, int h, string args)
    {
        string ppm = Path.Combine(dir, name + ".ppm");
        string jpg = Path.Combine(dir, name + ".jpg");
        JpegTestSupport.WritePnm(ppm, w, h, 3, JpegTestSupport.SyntheticRgb(w, h, 11));
        JpegTestSupport.Run("cjpeg", $"{args} -outfile {jpg} {ppm}");
        return File.ReadAllBytes(jpg);
    }

    [Fact]
    public void EmptyFileNamesTheFileAndProblem()
    {
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode([], "empty.jpg"));
        Assert.Equal("empty.jpg", ex.FileName);
        Assert.Contains("empty", ex.Problem);
        Assert.StartsWith("empty.jpg: ", ex.Message);

        string path = Path.Combine(_dir, "zero.jpg");
        File.WriteAllBytes(path, []);
        var ex2 = Assert.Throws<InvalidImageException>(() => ImageCodecs.Decode(path));
        Assert.Contains(path, ex2.Message);
    }

    [Fact]
    public void MissingFileIsInvalidImage()
    {
        string path = Path.Combine(_dir, "nope.jpg");
        var ex = Assert.Throws<InvalidImageException>(() => ImageCodecs.Decode(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void NonJpegIsRejected()
    {
        var rnd = new Random(3);
        for (int i = 0; i < 50; i++)
        {
            var junk = new byte[rnd.Next(1, 4000)];
            rnd.NextBytes(junk);
            Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(junk, "junk.bin"));
            var ex = Assert.Throws<InvalidImageException>(() => ImageCodecs.Decode(junk, "junk.bin"));
            Assert.Contains("junk.bin", ex.Message);
        }

        Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode("GIF89a......"u8, "x.gif"));
    }

    [Fact]
    public void RandomBytesAfterSoiAreRejected()
    {
        var rnd = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            var junk = new byte[rnd.Next(3, 3000)];
            rnd.NextBytes(junk);
            junk[0] = 0xFF;
            junk[1] = 0xD8;
            var ex = Record.Exception(() => JpegDecoder.Decode(junk, "junk.jpg").Dispose());
            Assert.True(ex is InvalidImageException or UnsupportedImageFeatureException, $"iteration {i}: {ex?.GetType().Name}: {ex?.Message}");
        }
    }

    [Theory]
    [InlineData("baseline", "-quality 80")]
    [InlineData("progressive", "-quality 80 -progressive")]
    [InlineData("restart", "-quality 80 -restart 2B -sample 1x1")]
    public void TruncationAtAnyPointThrowsOrYieldsTheCompleteImage(string name, string args)
    {
        byte[] full = MakeJpeg(_dir, name, 61, 47, args);
        using var reference = JpegDecoder.Decode(full, name);
        int threw = 0;
        for (int cut = 0; cut < full.Length; cut += Math.Max(1, full.Length / 400))
        {
            byte[] part = full.AsSpan(0, cut).ToArray();
            try
            {
                using var img = JpegDecoder.Decode(part, $"{name}-cut{cut}.jpg");

                // Only a cut inside the final padding / EOI may still decode, and then completely.
                Assert.True(img.Pixels.Span.SequenceEqual(reference.Pixels.Span), $"cut at {cut}/{full.Length} returned different pixels");
            }
            catch (InvalidImageException ex)
            {
                Assert.Contains($"{name}-cut{cut}.jpg", ex.Message);
                threw++;
            }
        }

        Assert.True(threw > 300, $"only {threw} truncations were rejected");
    }

    [Fact]
    public void TruncatedScanWithEoiAppendedReportsTruncatedEntropyData()
    {
        byte[] full = MakeJpeg(_dir, "eoi", 64, 64, "-quality 90");
        byte[] cut = [.. full.AsSpan(0, full.Length * 2 / 3).ToArray(), 0xFF, 0xD9];
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(cut, "eoi.jpg"));
        Assert.Contains("truncated entropy-coded data", ex.Message);
    }

    [Theory]
    [InlineData(65000, 65000)]
    [InlineData(65535, 16)]
    [InlineData(16, 65535)]
    [InlineData(20000, 20000)]
    public void OversizedHeaderThrowsBeforeAllocating(int width, int height)
    {
        // SOI, SOF0 claiming width x height, 3 components 2x2/1x1/1x1, then EOI: no pixel data at all.
        byte[] file =
        [
            0xFF, 0xD8,
            0xFF, 0xC0, 0, 17, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3,
            1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0,
            0xFF, 0xD9,
        ];
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImageTooLargeException>(() => JpegDecoder.Decode(file, "bomb.jpg"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains($"{width}x{height}", ex.Message);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes before refusing");
    }

    [Fact]
    public void SmallLimitsAreHonoured()
    {
        byte[] jpeg = MakeJpeg(_dir, "limits", 100, 80, "-quality 80");
        Assert.Throws<ImageTooLargeException>(() => JpegDecoder.Decode(jpeg, "l.jpg", new JpegDecoderOptions { MaxPixels = 7999 }));
        Assert.Throws<ImageTooLargeException>(() => JpegDecoder.Decode(jpeg, "l.jpg", new JpegDecoderOptions { MaxDimension = 99 }));
        using var ok = JpegDecoder.Decode(jpeg, "l.jpg", new JpegDecoderOptions { MaxPixels = 8000, MaxDimension = 100 });
        Assert.Equal(100, ok.Width);
    }

    [Fact]
    public void BigClaimWithTinyScanIsRejectedWithoutDecodingItAll()
    {
        // A real 16x16 file whose SOF is patched to claim 8000x8000: the scan holds far too few bits.
        byte[] jpeg = MakeJpeg(_dir, "claim", 16, 16, "-quality 80");
        int sof = FindMarker(jpeg, 0xC0);
        jpeg[sof + 5] = 8000 >> 8;
        jpeg[sof + 6] = 8000 & 0xFF;
        jpeg[sof + 7] = 8000 >> 8;
        jpeg[sof + 8] = 8000 & 0xFF;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(jpeg, "claim.jpg"));
        Assert.Contains("truncated", ex.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
    }

    [Fact]
    public void ScanCountIsLimited()
    {
        // A progressive file has ~10 scans; limiting to 3 must reject it, the default must not.
        byte[] jpeg = MakeJpeg(_dir, "scans", 40, 30, "-quality 80 -progressive");
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(jpeg, "scans.jpg", new JpegDecoderOptions { MaxScans = 3 }));
        Assert.Contains("more than 3 scans", ex.Message);
        using var ok = JpegDecoder.Decode(jpeg, "scans.jpg");
        Assert.Equal(40, ok.Width);
    }

    internal static int FindMarker(byte[] jpeg, byte marker)
    {
        for (int i = 2; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"marker FF{marker:X2} not found");
    }
}
