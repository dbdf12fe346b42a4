using ProgressVision.Imaging.Codecs.Jpeg;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg;

/// <summary>
/// Whole decodes against djpeg in the KernelEquivalence category, so Kernels/ScalarFallbackTests also runs
/// them with hardware intrinsics off: the scalar IDCT, upsampling and colour paths must match djpeg too.
/// </summary>
[Trait("Category", "KernelEquivalence")]
public sealed class JpegDispatchPathTests : IDisposable
{
    private readonly string _dir = JpegTestSupport.TempDir("jpeg-dispatch");

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
    [InlineData("420", "-quality 85")]
    [InlineData("422-prog", "-quality 70 -sample 2x1 -progressive")]
    [InlineData("444", "-quality 95 -sample 1x1")]
    public void DecodeMatchesDjpegOnThisDispatchPath(string name, string args)
    {
        byte[] jpeg = JpegBadInputTests.MakeJpeg(_dir, name, 83, 61, args);
        string jpg = Path.Combine(_dir, name + ".jpg");
        string reference = Path.Combine(_dir, name + ".ppm");
        JpegTestSupport.Run("djpeg", $"-pnm -outfile {reference} {jpg}");
        var expected = JpegTestSupport.ReadPnm(reference);
        using var img = JpegDecoder.Decode(jpeg, jpg);
        var (max, mean) = JpegTestSupport.Diff(img.Pixels.Span, expected.Pixels);
        Assert.True(max <= JpegOracleTests.MaxAbsDiff && mean <= JpegOracleTests.MeanAbsDiff, $"{name}: max {max}, mean {mean:F4}");
    }
}
