using ProgressVision.Imaging.Codecs;
using ProgressVision.Imaging.Codecs.Jpeg;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg;

/// <summary>
/// Decodes a corpus made at test time by <c>cjpeg</c> and compares every sample with <c>djpeg</c>'s
/// output (libjpeg-turbo defaults: islow IDCT, fancy upsampling).
/// </summary>
public sealed class JpegOracleTests(ITestOutputHelper output, JpegOracleTests.Corpus corpus) : IClassFixture<JpegOracleTests.Corpus>
{
    /// <summary>Largest per-sample difference allowed against djpeg at full size.</summary>
    public const int MaxAbsDiff = 1;

    /// <summary>Largest mean absolute difference allowed against djpeg at full size.</summary>
    public const double MeanAbsDiff = 0.02;

    /// <summary>Reduced-size (DCT scaling) tolerance against <c>djpeg -scale</c>.</summary>
    public const int ScaledMaxAbsDiff = 2;

    /// <summary>Reduced-size mean tolerance.</summary>
    public const double ScaledMeanAbsDiff = 0.1;

    /// <summary>Source images written once per test run.</summary>
    public sealed class Corpus : IDisposable
    {
        public Corpus()
        {
            Dir = JpegTestSupport.TempDir("jpeg-oracle");
        }

        public string Dir { get; }

        private readonly Dictionary<string, string> _sources = [];

        /// <summary>PPM (or PGM when gray) of the synthetic image at this size.</summary>
        public string Source(int w, int h)
        {
            lock (_sources)
            {
                string key = $"{w}x{h}";
                if (!_sources.TryGetValue(key, out var path))
                {
                    path = Path.Combine(Dir, $"src-{key}.ppm");
                    JpegTestSupport.WritePnm(path, w, h, 3, JpegTestSupport.SyntheticRgb(w, h, seed: w * 31 + h));
                    _sources[key] = path;
                }

                return path;
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private readonly Corpus _corpus = corpus;

    public static TheoryData<string, int, int, string> Cases => new()
    {
        { "q10-420", 227, 149, "-quality 10" },
        { "q30-420", 227, 149, "-quality 30" },
        { "q50-420", 227, 149, "-quality 50" },
        { "q75-420", 227, 149, "-quality 75" },
        { "q90-420", 227, 149, "-quality 90" },
        { "q100-420", 227, 149, "-quality 100" },
        { "q85-444", 227, 149, "-quality 85 -sample 1x1" },
        { "q85-422", 227, 149, "-quality 85 -sample 2x1" },
        { "q85-440", 227, 149, "-quality 85 -sample 1x2" },
        { "q85-411", 227, 149, "-quality 85 -sample 4x1" },
        { "q85-420-restart1", 227, 149, "-quality 85 -restart 1" },
        { "q85-420-restart5B", 227, 149, "-quality 85 -restart 5B" },
        { "q85-444-restart5B", 227, 149, "-quality 85 -sample 1x1 -restart 5B" },
        { "q85-420-optimize", 227, 149, "-quality 85 -optimize" },
        { "q85-gray", 227, 149, "-quality 85 -grayscale" },
        { "q85-gray-progressive", 227, 149, "-quality 85 -grayscale -progressive" },
        { "q85-rgb", 227, 149, "-quality 85 -rgb" },
        { "prog-420", 227, 149, "-quality 85 -progressive" },
        { "prog-444", 227, 149, "-quality 85 -progressive -sample 1x1" },
        { "prog-422", 227, 149, "-quality 60 -progressive -sample 2x1" },
        { "prog-440", 227, 149, "-quality 60 -progressive -sample 1x2" },
        { "prog-411", 227, 149, "-quality 60 -progressive -sample 4x1" },
        { "prog-420-restart5B", 227, 149, "-quality 85 -progressive -restart 5B" },
        { "prog-q100", 227, 149, "-quality 100 -progressive" },
        { "1x1-420", 1, 1, "-quality 85" },
        { "1x1-444", 1, 1, "-quality 85 -sample 1x1" },
        { "1x1-prog", 1, 1, "-quality 85 -progressive" },
        { "17x9-420", 17, 9, "-quality 85" },
        { "17x9-422", 17, 9, "-quality 85 -sample 2x1" },
        { "17x9-440", 17, 9, "-quality 85 -sample 1x2" },
        { "17x9-411", 17, 9, "-quality 85 -sample 4x1" },
        { "17x9-prog", 17, 9, "-quality 85 -progressive" },
        { "3x2-420", 3, 2, "-quality 85" },
        { "4x3-422", 4, 3, "-quality 85 -sample 2x1" },
        { "4033x3025-420", 4033, 3025, "-quality 90" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesLikeDjpeg(string name, int width, int height, string cjpegArgs)
    {
        string jpg = Path.Combine(_corpus.Dir, $"{name}.jpg");
        string reference = Path.Combine(_corpus.Dir, $"{name}.pnm");
        JpegTestSupport.Run("cjpeg", $"{cjpegArgs} -outfile {jpg} {_corpus.Source(width, height)}");
        JpegTestSupport.Run("djpeg", $"-pnm -outfile {reference} {jpg}");
        var expected = JpegTestSupport.ReadPnm(reference);

        using var decoded = JpegDecoder.Decode(File.ReadAllBytes(jpg), jpg);
        Assert.Equal(expected.Width, decoded.Width);
        Assert.Equal(expected.Height, decoded.Height);
        Assert.Equal(expected.Channels, decoded.Pixels.Channels);
        var (max, mean) = JpegTestSupport.Diff(decoded.Pixels.Span, expected.Pixels);
        output.WriteLine($"{name}: max {max}, mean {mean:F4}");
        Assert.True(max <= MaxAbsDiff, $"{name}: max abs diff {max} > {MaxAbsDiff} (mean {mean:F4})");
        Assert.True(mean <= MeanAbsDiff, $"{name}: mean abs diff {mean:F4} > {MeanAbsDiff}");
    }

    public static TheoryData<string, string, int> ScaledCases => new()
    {
        { "scaled-420", "-quality 85", 2 },
        { "scaled-420", "-quality 85", 4 },
        { "scaled-420", "-quality 85", 8 },
        { "scaled-444", "-quality 85 -sample 1x1", 2 },
        { "scaled-444", "-quality 85 -sample 1x1", 4 },
        { "scaled-444", "-quality 85 -sample 1x1", 8 },
        { "scaled-422", "-quality 85 -sample 2x1", 2 },
        { "scaled-422", "-quality 85 -sample 2x1", 8 },
        { "scaled-411", "-quality 85 -sample 4x1", 2 },
        { "scaled-440", "-quality 85 -sample 1x2", 4 },
        { "scaled-prog", "-quality 85 -progressive", 2 },
        { "scaled-prog", "-quality 85 -progressive", 4 },
        { "scaled-gray", "-quality 85 -grayscale", 4 },
    };

    [Theory]
    [MemberData(nameof(ScaledCases))]
    public void ReducedSizeDecodeFollowsDjpegScale(string name, string cjpegArgs, int denominator)
    {
        string jpg = Path.Combine(_corpus.Dir, $"{name}-{denominator}.jpg");
        string reference = Path.Combine(_corpus.Dir, $"{name}-{denominator}.pnm");
        JpegTestSupport.Run("cjpeg", $"{cjpegArgs} -outfile {jpg} {_corpus.Source(227, 149)}");
        JpegTestSupport.Run("djpeg", $"-pnm -scale 1/{denominator} -outfile {reference} {jpg}");
        var expected = JpegTestSupport.ReadPnm(reference);

        using var decoded = JpegDecoder.Decode(File.ReadAllBytes(jpg), jpg, new JpegDecoderOptions { ScaleDenominator = denominator });
        Assert.Equal(expected.Width, decoded.Width);
        Assert.Equal(expected.Height, decoded.Height);
        var (max, mean) = JpegTestSupport.Diff(decoded.Pixels.Span, expected.Pixels);
        output.WriteLine($"{name} 1/{denominator}: max {max}, mean {mean:F4}");
        Assert.True(max <= ScaledMaxAbsDiff, $"{name} 1/{denominator}: max abs diff {max} > {ScaledMaxAbsDiff} (mean {mean:F4})");
        Assert.True(mean <= ScaledMeanAbsDiff, $"{name} 1/{denominator}: mean abs diff {mean:F4} > {ScaledMeanAbsDiff}");
    }

    [Fact]
    public void ArithmeticCodedFromCjpegIsUnsupported()
    {
        string jpg = Path.Combine(_corpus.Dir, "arith.jpg");
        JpegTestSupport.Run("cjpeg", $"-arithmetic -outfile {jpg} {_corpus.Source(33, 17)}");
        var ex = Assert.Throws<UnsupportedImageFeatureException>(() => JpegDecoder.Decode(File.ReadAllBytes(jpg), jpg));
        Assert.Contains("arithmetic", ex.Message);
        Assert.Contains(jpg, ex.Message);
    }

    [Fact]
    public void ImageCodecsSniffsJpeg()
    {
        string jpg = Path.Combine(_corpus.Dir, "sniff.jpg");
        JpegTestSupport.Run("cjpeg", $"-outfile {jpg} {_corpus.Source(40, 30)}");
        using var decoded = ImageCodecs.Decode(jpg);
        Assert.Equal(ImageFormat.Jpeg, decoded.Format);
        Assert.Equal(40, decoded.Width);
        Assert.Equal(30, decoded.Height);
        Assert.Equal(3, decoded.Pixels.Channels);
    }
}
