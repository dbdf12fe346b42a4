using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Jpeg.Encoder;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg.Encoder;

/// <summary>
/// The baseline JPEG encoder checked against libjpeg-turbo: djpeg must decode every output; PSNR of the djpeg
/// result against the source must reach a floor per quality; cjpeg at the same quality and sampling is the
/// independent anchor for tables and file size.
/// </summary>
/// <remarks>
/// Measured on 2026-11-21 (ours / cjpeg -baseline, 256x192): smooth 4:4:4 q50 42.56 dB, q75 47.26 dB, q90 50.52 dB;
/// smooth 4:2:0 q50 42.91, q75 47.09, q90 49.64; textured (dots + ±6 noise) 4:4:4 q90 33.03, 4:2:0 q90 30.87.
/// Sizes were 0.97–1.00 × cjpeg's for q ≤ 90 and 0.85–0.89 × at q95, smaller at q100 because we do not round
/// YCbCr to integers before the DCT. The floors below sit ~1.5 dB under the measurements.
/// </remarks>
public sealed class JpegEncoderTests(ITestOutputHelper output)
{
    private const string TestOrigPpm = "testorig.ppm";             // libjpeg-turbo's exact source image
    private const string RealPhoto = "bsmp_gallery_5_texture-closeup.jpg";

    public static TheoryData<string, JpegSubsampling, int, double> PsnrFloors => new()
    {
        { "smooth", JpegSubsampling.Yuv444, 50, 41.0 },
        { "smooth", JpegSubsampling.Yuv444, 75, 45.5 },
        { "smooth", JpegSubsampling.Yuv444, 90, 48.5 },
        { "smooth", JpegSubsampling.Yuv420, 50, 41.0 },
        { "smooth", JpegSubsampling.Yuv420, 75, 45.5 },
        { "smooth", JpegSubsampling.Yuv420, 90, 48.0 },
        { "smooth", JpegSubsampling.Yuv422, 90, 48.0 },
        { "textured", JpegSubsampling.Yuv444, 90, 31.5 },
        { "textured", JpegSubsampling.Yuv420, 90, 29.5 },
        { "textured", JpegSubsampling.Yuv444, 50, 25.0 },
    };

    private static PixelBuffer<byte> Image(string name) =>
        name == "smooth" ? JpegTestImages.Smooth(256, 192) : JpegTestImages.Textured(256, 192, seed: 7);

    [Theory]
    [MemberData(nameof(PsnrFloors))]
    [Trait("Category", "KernelEquivalence")] // also runs with SIMD off: the scalar DCT/quantiser must meet the same floors
    public void DjpegDecodesOutputAboveThePsnrFloor(string image, JpegSubsampling sampling, int quality, double floorDb)
    {
        using var source = Image(image);
        byte[] jpeg = JpegEncoder.Encode(source, new JpegEncoderOptions { Quality = quality, Subsampling = sampling });
        var decoded = LibjpegTools.Djpeg(jpeg);
        Assert.Equal((source.Width, source.Height, 3), (decoded.Width, decoded.Height, decoded.Channels));
        double psnr = LibjpegTools.Psnr(source.Span, decoded.Data);
        output.WriteLine($"{image} {sampling} q{quality}: {jpeg.Length} bytes, {psnr:F2} dB");
        Assert.True(psnr >= floorDb, $"{image} {sampling} q{quality}: PSNR {psnr:F2} dB < {floorDb} dB");
    }

    [Fact]
    public void GrayscaleOutputIsOneComponentAndMatchesLuma()
    {
        using var rgb = JpegTestImages.Smooth(200, 120);
        using var gray = new PixelBuffer<byte>(200, 120, 1);
        for (int i = 0; i < gray.Length; i++)
        {
            var s = rgb.Span;
            gray.Span[i] = JpegTestImages.Clamp((0.299 * s[3 * i]) + (0.587 * s[(3 * i) + 1]) + (0.114 * s[(3 * i) + 2]));
        }

        foreach (byte[] jpeg in new[] { JpegEncoder.Encode(gray, new JpegEncoderOptions { Quality = 90 }), JpegEncoder.Encode(rgb, new JpegEncoderOptions { Quality = 90, Grayscale = true }) })
        {
            var decoded = LibjpegTools.Djpeg(jpeg);
            Assert.Equal(1, decoded.Channels);
            double psnr = LibjpegTools.Psnr(gray.Span, decoded.Data);
            Assert.True(psnr >= 45, $"grey q90 PSNR {psnr:F2} dB");
        }
    }

    [Theory]
    [InlineData(JpegSubsampling.Yuv444)]
    [InlineData(JpegSubsampling.Yuv420)]
    public void FileSizeGrowsWithQuality(JpegSubsampling sampling)
    {
        using var source = JpegTestImages.Textured(160, 120, seed: 3);
        int previous = 0;
        foreach (int q in new[] { 1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100 })
        {
            int size = JpegEncoder.Encode(source, new JpegEncoderOptions { Quality = q, Subsampling = sampling }).Length;
            Assert.True(size > previous, $"q{q}: {size} bytes is not larger than the previous quality's {previous}");
            previous = size;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(75)]
    [InlineData(90)]
    [InlineData(100)]
    public void QuantizationTablesEqualCjpegs(int quality)
    {
        using var source = JpegTestImages.Smooth(32, 16);
        byte[] ours = JpegEncoder.Encode(source, new JpegEncoderOptions { Quality = quality });
        byte[] cjpeg = LibjpegTools.Cjpeg(source.Span.ToArray(), 32, 16, 3, "-baseline", "-quality", $"{quality}");
        Assert.Equal(Dqt(cjpeg), Dqt(ours));
    }

    [Fact]
    public void StandardHuffmanTablesEqualCjpegs()
    {
        using var source = JpegTestImages.Smooth(32, 16);
        byte[] ours = JpegEncoder.Encode(source, new JpegEncoderOptions { Quality = 75 });
        byte[] cjpeg = LibjpegTools.Cjpeg(source.Span.ToArray(), 32, 16, 3, "-quality", "75");
        Assert.Equal(Dht(cjpeg), Dht(ours));
    }

    [Theory]
    [InlineData(TestOrigPpm, JpegSubsampling.Yuv420)]
    [InlineData(TestOrigPpm, JpegSubsampling.Yuv444)]
    [InlineData(RealPhoto, JpegSubsampling.Yuv420)]
    [InlineData(RealPhoto, JpegSubsampling.Yuv444)]
    public void Quality75SizeIsWithin15PercentOfCjpeg(string file, JpegSubsampling sampling)
    {
        using var source = LoadSource(file);
        byte[] ours = JpegEncoder.Encode(source, new JpegEncoderOptions { Quality = 75, Subsampling = sampling });
        byte[] cjpeg = LibjpegTools.Cjpeg(source.Span.ToArray(), source.Width, source.Height, 3, "-quality", "75", "-sample", sampling == JpegSubsampling.Yuv444 ? "1x1" : "2x2");
        double ratio = (double)ours.Length / cjpeg.Length;
        double psnrOurs = LibjpegTools.Psnr(source.Span, LibjpegTools.Djpeg(ours).Data);
        double psnrCjpeg = LibjpegTools.Psnr(source.Span, LibjpegTools.Djpeg(cjpeg).Data);
        output.WriteLine($"{file} {source.Width}x{source.Height} {sampling} q75: ours {ours.Length} B {psnrOurs:F2} dB, cjpeg {cjpeg.Length} B {psnrCjpeg:F2} dB, ratio {ratio:F3}");
        Assert.InRange(ratio, 0.85, 1.15);
        Assert.True(psnrOurs >= psnrCjpeg - 0.5, $"our PSNR {psnrOurs:F2} dB is well below cjpeg's {psnrCjpeg:F2} dB");
    }

    [Theory]
    [InlineData(JpegSubsampling.Yuv444, 0)]
    [InlineData(JpegSubsampling.Yuv420, 0)]
    [InlineData(JpegSubsampling.Yuv420, 7)]
    public void OptimizedHuffmanIsSmallerAndDecodesToTheSamePixels(JpegSubsampling sampling, int restart)
    {
        using var source = LoadSource(RealPhoto);
        var standardOptions = new JpegEncoderOptions { Quality = 85, Subsampling = sampling, RestartInterval = restart };
        byte[] standard = JpegEncoder.Encode(source, standardOptions);
        byte[] optimized = JpegEncoder.Encode(source, standardOptions with { OptimizeHuffman = true });
        output.WriteLine($"{sampling} restart {restart}: standard {standard.Length} B, optimised {optimized.Length} B ({100.0 * optimized.Length / standard.Length:F1} %)");
        Assert.True(optimized.Length <= standard.Length, $"optimised {optimized.Length} > standard {standard.Length}");

        // The same quantised coefficients under different codes: djpeg must give identical pixels.
        Assert.True(LibjpegTools.Djpeg(standard).Data.AsSpan().SequenceEqual(LibjpegTools.Djpeg(optimized).Data));
    }

    [Fact]
    public void RestartMarkersAreWrittenAndDecodeIdentically()
    {
        using var source = JpegTestImages.Textured(100, 50, seed: 11); // 4:2:0 → 7 × 4 = 28 MCUs
        byte[] plain = JpegEncoder.Encode(source, new JpegEncoderOptions { Quality = 80 });
        byte[] restarted = JpegEncoder.Encode(source, new JpegEncoderOptions { Quality = 80, RestartInterval = 3 });
        Assert.Contains(LibjpegTools.Segments(restarted), s => s.Marker == 0xDD);
        int rst = 0;
        for (int i = 0; i + 1 < restarted.Length; i++)
        {
            if (restarted[i] == 0xFF && restarted[i + 1] is >= 0xD0 and <= 0xD7)
            {
                Assert.Equal(0xD0 + (rst % 8), restarted[i + 1]);
                rst++;
            }
        }

        Assert.Equal(9, rst); // a marker after every 3rd of 28 MCUs
        Assert.True(LibjpegTools.Djpeg(plain).Data.AsSpan().SequenceEqual(LibjpegTools.Djpeg(restarted).Data));
    }

    [Theory]
    [InlineData(1, 1, JpegSubsampling.Yuv420)]
    [InlineData(17, 9, JpegSubsampling.Yuv420)]
    [InlineData(33, 65, JpegSubsampling.Yuv422)]
    [InlineData(9, 8, JpegSubsampling.Yuv444)]
    public void OddSizesDecodeAtTheirSize(int width, int height, JpegSubsampling sampling)
    {
        using var source = JpegTestImages.Smooth(width, height);
        var decoded = LibjpegTools.Djpeg(JpegEncoder.Encode(source, new JpegEncoderOptions { Quality = 95, Subsampling = sampling }));
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        double psnr = LibjpegTools.Psnr(source.Span, decoded.Data);
        var reference = LibjpegTools.Djpeg(LibjpegTools.Cjpeg(source.Span.ToArray(), width, height, 3, "-quality", "95", "-sample", sampling switch { JpegSubsampling.Yuv444 => "1x1", JpegSubsampling.Yuv422 => "2x1", _ => "2x2" }));
        double cjpegPsnr = LibjpegTools.Psnr(source.Span, reference.Data);
        Assert.True(psnr >= cjpegPsnr - 1.0, $"{width}x{height} {sampling}: PSNR {psnr:F2} dB, cjpeg {cjpegPsnr:F2} dB");
    }

    [Fact]
    public void WritesNoMetadataUnlessOrientationIsAsked()
    {
        using var source = JpegTestImages.Smooth(64, 48);
        byte[] plain = JpegEncoder.Encode(source);
        Assert.Equal([0xE0, 0xDB, 0xC0, 0xC4, 0xDA], LibjpegTools.Segments(plain).Select(s => s.Marker));
        Assert.StartsWith("JFIF\0", System.Text.Encoding.Latin1.GetString(LibjpegTools.Segments(plain)[0].Payload), StringComparison.Ordinal);

        byte[] oriented = JpegEncoder.Encode(source, new JpegEncoderOptions { Orientation = 6 });
        Assert.Equal([0xE0, 0xE1, 0xDB, 0xC0, 0xC4, 0xDA], LibjpegTools.Segments(oriented).Select(s => s.Marker));
        Assert.Equal("{274: 6}", PilExif(oriented)); // PIL sees exactly one EXIF tag: Orientation = 6
    }

    [Fact]
    public void RejectsBadArguments()
    {
        using var ms = new MemoryStream();
        using var img = new PixelBuffer<byte>(8, 8, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(img, ms, new JpegEncoderOptions { Quality = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(img, ms, new JpegEncoderOptions { Quality = 101 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(img, ms, new JpegEncoderOptions { Orientation = 9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(new byte[8 * 8 * 2], 8, 8, 2, ms));
        Assert.Throws<ArgumentException>(() => JpegEncoder.Encode(new byte[10], 8, 8, 3, ms));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(new byte[70_000], 70_000, 1, 1, ms));
    }

    private static PixelBuffer<byte> LoadSource(string file)
    {
        if (file == TestOrigPpm)
        {
            string path = SharedCorpusPath(Path.Combine("codec-corpus", "libjpeg-turbo", TestOrigPpm));
            return JpegTestImages.FromPnm(LibjpegTools.ReadPnm(File.ReadAllBytes(path)));
        }

        string photo = SharedCorpusPath(Path.Combine("real-samples", "1-smp-before-after", file));
        return JpegTestImages.FromPnm(LibjpegTools.DjpegFile(photo));
    }

    private static string SharedCorpusPath(string relative) =>
        ProgressVision.Imaging.Tests.Codecs.Png.SharedCorpus.Require(Path.Combine(ProgressVision.Imaging.Tests.Codecs.Png.SharedCorpus.Root, relative));

    /// <summary>DQT content as (precision/id → 64 values), independent of how tables are grouped into segments.</summary>
    private static SortedDictionary<int, string> Dqt(byte[] jpeg)
    {
        var tables = new SortedDictionary<int, string>();
        foreach (var (_, p) in LibjpegTools.Segments(jpeg).Where(s => s.Marker == 0xDB))
        {
            for (int i = 0; i < p.Length; i += 65)
            {
                Assert.True(p[i] >> 4 == 0, "expected 8-bit (baseline) tables");
                tables[p[i]] = Convert.ToHexString(p, i + 1, 64);
            }
        }

        return tables;
    }

    /// <summary>DHT content as (class/id → counts + symbols), independent of how tables are grouped into segments.</summary>
    private static SortedDictionary<int, string> Dht(byte[] jpeg)
    {
        var tables = new SortedDictionary<int, string>();
        foreach (var (_, p) in LibjpegTools.Segments(jpeg).Where(s => s.Marker == 0xC4))
        {
            int i = 0;
            while (i < p.Length)
            {
                int id = p[i];
                int n = p.AsSpan(i + 1, 16).ToArray().Sum(b => b);
                tables[id] = Convert.ToHexString(p, i + 1, 16 + n);
                i += 17 + n;
            }
        }

        return tables;
    }

    private static string PilExif(byte[] jpeg)
    {
        string path = Path.Combine(Path.GetTempPath(), $"pv-exif-{Guid.NewGuid():N}.jpg");
        try
        {
            File.WriteAllBytes(path, jpeg);
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import sys; from PIL import Image; print(dict(Image.open(sys.argv[1]).getexif()))");
            psi.ArgumentList.Add(path);
            using var p = System.Diagnostics.Process.Start(psi)!;
            string result = p.StandardOutput.ReadToEnd().Trim();
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"/usr/bin/python3 with PIL failed ({err}); apt-get install python3-pil");
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
