using ProgressVision.Imaging.Codecs.Png;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>
/// libpng's contrib/testpngs/crashers: files that once crashed decoders. Each must be rejected with
/// <see cref="InvalidImageException"/>, except empty_ancillary_chunks.png, which is a valid image whose
/// ancillary chunks are all empty (malformed ancillary chunks are ignorable per PNG §14.2; libpng reads it with
/// warnings, PIL refuses it) and is compared with libpng via OpenCV.
/// </summary>
public sealed class PngCrasherTests(ITestOutputHelper output)
{
    private const string ValidCrasher = "empty_ancillary_chunks.png";

    [Fact]
    public void EveryCrasherIsRejectedCleanlyOrDecodedLikeLibpng()
    {
        string dir = SharedCorpus.Require(Path.Combine(SharedCorpus.TestPngs, "crashers"));
        string[] files = Directory.GetFiles(dir, "*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 20, $"expected the crashers in {dir}, found {files.Length}");
        var failures = new List<string>();
        foreach (string file in files)
        {
            string name = Path.GetFileName(file);
            if (name == ValidCrasher)
            {
                continue;
            }

            try
            {
                using var image = PngDecoder.DecodeFile(file);
                failures.Add($"{name}: decoded to {image.Width}x{image.Height} instead of being rejected");
            }
            catch (InvalidImageException e)
            {
                Assert.Contains(name, e.Message, StringComparison.Ordinal);
                output.WriteLine($"{name}: {e.Problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EmptyAncillaryChunksAreIgnoredAndTheImageMatchesLibpng()
    {
        string file = SharedCorpus.Require(Path.Combine(SharedCorpus.TestPngs, "crashers", ValidCrasher));
        var reference = PilPngOracle.DecodeAll(["libpng:" + file])[0];
        Assert.True(reference.Rgba is not null, $"libpng oracle failed on {file}: {reference.Error}");
        using var image = PngDecoder.DecodeFile(file);
        Assert.Null(image.Exif); // its eXIf chunks are empty
        Assert.Null(PngRgba.FirstDifference(reference.Rgba!, PngRgba.Of(image), image.Width));
    }
}
