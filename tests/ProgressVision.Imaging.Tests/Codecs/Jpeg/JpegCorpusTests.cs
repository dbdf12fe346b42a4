using ProgressVision.Imaging.Codecs.Jpeg;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg;

/// <summary>libjpeg-turbo's own test images (../shared/codec-corpus/libjpeg-turbo) against djpeg.</summary>
public sealed class JpegCorpusTests : IDisposable
{
    private const string CorpusDir = "codec-corpus/libjpeg-turbo";
    private const string TestOrig = "testorig.jpg";       // baseline 4:2:0
    private const string TestImgInt = "testimgint.jpg";   // baseline, interleaved
    private const string TestImgAri = "testimgari.jpg";   // arithmetic coded (SOF9)
    private const string Monkey12 = "monkey12.jpg";       // 12-bit precision (SOF1, P=12)

    private readonly string _dir = JpegTestSupport.TempDir("jpeg-corpus");

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

    [Theory]
    [InlineData(TestOrig)]
    [InlineData(TestImgInt)]
    public void MatchesDjpeg(string name)
    {
        string path = JpegTestSupport.SharedFile("codec-corpus", "libjpeg-turbo", name);
        string reference = Path.Combine(_dir, name + ".ppm");
        JpegTestSupport.Run("djpeg", $"-pnm -outfile {reference} {path}");
        var expected = JpegTestSupport.ReadPnm(reference);
        using var img = JpegDecoder.Decode(File.ReadAllBytes(path), path);
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (img.Width, img.Height, img.Pixels.Channels));
        var (max, mean) = JpegTestSupport.Diff(img.Pixels.Span, expected.Pixels);
        Assert.True(max <= JpegOracleTests.MaxAbsDiff && mean <= JpegOracleTests.MeanAbsDiff, $"{CorpusDir}/{name}: max {max}, mean {mean:F4}");
    }

    [Fact]
    public void RealPhotosMatchDjpeg()
    {
        // Every JPEG under ../shared/real-samples (phone photos with Exif, web images, progressive ones).
        string root = Png.SharedCorpus.RealSamples;
        var files = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);
        string reference = Path.Combine(_dir, "real.pnm");
        foreach (var path in files)
        {
            JpegTestSupport.Run("djpeg", $"-pnm -outfile {reference} \"{path}\"");
            var expected = JpegTestSupport.ReadPnm(reference);
            using var img = JpegDecoder.Decode(File.ReadAllBytes(path), path, new JpegDecoderOptions { ApplyOrientation = false });
            Assert.Equal((expected.Width, expected.Height, expected.Channels), (img.Width, img.Height, img.Pixels.Channels));
            var (max, mean) = JpegTestSupport.Diff(img.Pixels.Span, expected.Pixels);
            Assert.True(max <= JpegOracleTests.MaxAbsDiff && mean <= JpegOracleTests.MeanAbsDiff, $"{path}: max {max}, mean {mean:F4}");
        }
    }

    [Fact]
    public void ArithmeticCodedIsUnsupported()
    {
        string path = JpegTestSupport.SharedFile("codec-corpus", "libjpeg-turbo", TestImgAri);
        var ex = Assert.Throws<UnsupportedImageFeatureException>(() => JpegDecoder.Decode(File.ReadAllBytes(path), path));
        Assert.Contains("arithmetic", ex.Feature);
        Assert.Equal(path, ex.FileName);
    }

    [Fact]
    public void TwelveBitIsUnsupported()
    {
        string path = JpegTestSupport.SharedFile("codec-corpus", "libjpeg-turbo", Monkey12);
        var ex = Assert.Throws<UnsupportedImageFeatureException>(() => JpegDecoder.Decode(File.ReadAllBytes(path), path));
        Assert.Contains("12-bit", ex.Feature);
    }
}
