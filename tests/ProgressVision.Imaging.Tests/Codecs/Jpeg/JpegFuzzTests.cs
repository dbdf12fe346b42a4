using System.Diagnostics;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Imaging.Codecs.Jpeg;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg;

/// <summary>
/// Seeded mutation fuzzing of small cjpeg-made files: bit flips, byte overwrites, truncations,
/// inserted markers, corrupted segment lengths. Only our two exception types may come out.
/// </summary>
public sealed class JpegFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Iterations = 2500;
    private const int Seed = 20261121;
    private readonly string _dir = JpegTestSupport.TempDir("jpeg-fuzz");

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

    [Fact]
    public void MutatedFilesOnlyRaiseImageExceptions()
    {
        byte[][] seeds =
        [
            JpegBadInputTests.MakeJpeg(_dir, "b420", 48, 40, "-quality 75 -restart 1"),
            JpegBadInputTests.MakeJpeg(_dir, "p420", 48, 40, "-quality 75 -progressive"),
            JpegBadInputTests.MakeJpeg(_dir, "p444", 40, 33, "-quality 90 -progressive -sample 1x1 -restart 3B"),
            JpegBadInputTests.MakeJpeg(_dir, "g", 33, 17, "-quality 60 -grayscale -optimize"),
            JpegBadInputTests.MakeJpeg(_dir, "b411", 37, 21, "-quality 50 -sample 4x1"),
        ];
        var sw = Stopwatch.StartNew();
        var stats = CodecFuzzer.Run(seeds, Iterations, Seed, (i, data, ex) =>
            Assert.Fail($"iteration {i}: unexpected {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}"),
            bytes => JpegDecoder.Decode(bytes, "fuzz.jpg"));
        output.WriteLine($"{Iterations} iterations in {sw.Elapsed.TotalSeconds:F1} s: {stats}");
        Assert.True(stats.Decoded + stats.Invalid + stats.Unsupported == Iterations);
        Assert.True(stats.Invalid > Iterations / 4, $"suspiciously few rejections: {stats}");
    }
}
