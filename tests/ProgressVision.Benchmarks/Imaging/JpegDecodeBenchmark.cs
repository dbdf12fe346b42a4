using BenchmarkDotNet.Attributes;
using ProgressVision.Imaging.Codecs.Jpeg;
using ProgressVision.Imaging.Codecs.Jpeg.Encoder;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>
/// JPEG decode of a 12 MP photo-like image (quality 90, made in setup by our encoder): full size and
/// 1/8 reduced-size, 4:2:0 and 4:4:4, with the SIMD and no-SIMD jobs of <see cref="CodecBenchmarkConfig"/>.
/// <c>dotnet run -c Release --project tests/ProgressVision.Benchmarks -- --filter *JpegDecodeBenchmark*</c>.
/// The libjpeg-turbo anchor is timed by <c>progressvision bench --section jpeg-decode</c>; results are recorded
/// in <c>JpegDecodeBenchmark.results.md</c> beside this file.
/// </summary>
[Config(typeof(CodecBenchmarkConfig))]
[MemoryDiagnoser]
public class JpegDecodeBenchmark
{
    private byte[] _jpeg = [];

    [Params(JpegSubsampling.Yuv420, JpegSubsampling.Yuv444)]
    public JpegSubsampling Subsampling { get; set; }

    [Params(1, 8)]
    public int ScaleDenominator { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var image = CodecBenchmarkImages.Photo12MP();
        _jpeg = JpegEncoder.Encode(image, new JpegEncoderOptions { Quality = 90, Subsampling = Subsampling });
    }

    [Benchmark]
    public int Decode12MP()
    {
        using var img = JpegDecoder.Decode(_jpeg, "bench.jpg", new JpegDecoderOptions { ScaleDenominator = ScaleDenominator });
        return img.Width;
    }
}
