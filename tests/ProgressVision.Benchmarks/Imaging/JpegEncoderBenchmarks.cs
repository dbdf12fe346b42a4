using BenchmarkDotNet.Attributes;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Jpeg.Encoder;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>
/// Baseline JPEG encode of a 12 MP RGB photo-like image at quality 90.
/// <c>dotnet run -c Release --project tests/ProgressVision.Benchmarks -- --filter *JpegEncoderBenchmarks*</c>.
/// Results are recorded in <c>CodecBenchmarks.results.md</c> beside this file.
/// </summary>
[Config(typeof(CodecBenchmarkConfig))]
[MemoryDiagnoser]
public class JpegEncoderBenchmarks
{
    private PixelBuffer<byte> _image = null!;

    [Params(JpegSubsampling.Yuv420, JpegSubsampling.Yuv444)]
    public JpegSubsampling Subsampling { get; set; }

    [GlobalSetup]
    public void Setup() => _image = CodecBenchmarkImages.Photo12MP();

    [GlobalCleanup]
    public void Cleanup() => _image.Dispose();

    [Benchmark]
    public long Encode12MP()
    {
        using var sink = new CountingStream();
        JpegEncoder.Encode(_image, sink, new JpegEncoderOptions { Quality = 90, Subsampling = Subsampling });
        return sink.Length;
    }

    [Benchmark]
    public long Encode12MPOptimizedHuffman()
    {
        using var sink = new CountingStream();
        JpegEncoder.Encode(_image, sink, new JpegEncoderOptions { Quality = 90, Subsampling = Subsampling, OptimizeHuffman = true });
        return sink.Length;
    }
}
