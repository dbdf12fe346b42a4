using BenchmarkDotNet.Attributes;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>
/// PNG decode and encode of a 12 MP RGB photo-like image.
/// <c>dotnet run -c Release --project tests/ProgressVision.Benchmarks -- --filter *PngCodecBenchmarks*</c>.
/// Results are recorded in <c>CodecBenchmarks.results.md</c> beside this file.
/// </summary>
[Config(typeof(CodecBenchmarkConfig))]
[MemoryDiagnoser]
public class PngCodecBenchmarks
{
    private PixelBuffer<byte> _image = null!;
    private byte[] _png = null!;

    [GlobalSetup]
    public void Setup()
    {
        _image = CodecBenchmarkImages.Photo12MP();
        _png = PngEncoder.Encode(_image);
    }

    [GlobalCleanup]
    public void Cleanup() => _image.Dispose();

    [Benchmark]
    public int Decode12MP()
    {
        using var decoded = PngDecoder.Decode(_png);
        return decoded.Width;
    }

    [Benchmark]
    public long EncodeAdaptive12MP()
    {
        using var sink = new CountingStream();
        PngEncoder.Encode(_image, sink);
        return sink.Length;
    }

    [Benchmark]
    public long EncodeFastest12MP()
    {
        using var sink = new CountingStream();
        PngEncoder.Encode(_image, sink, new PngEncoderOptions { Compression = System.IO.Compression.CompressionLevel.Fastest });
        return sink.Length;
    }
}
