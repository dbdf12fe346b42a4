using ProgressVision.Imaging.Codecs.Png;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>
/// PngSuite and libpng's testpngs decoded by our decoder and by Debian's PIL (see <see cref="PilPngOracle"/>
/// for the documented PIL deviations), compared byte for byte as RGBA.
/// </summary>
public sealed class PngSuiteTests(ITestOutputHelper output)
{
    /// <summary>Every valid corpus file: PngSuite (all of it, incl. interlaced/) and testpngs except crashers/.</summary>
    internal static List<string> ValidCorpusFiles()
    {
        var files = Directory.GetFiles(SharedCorpus.PngSuite, "*.png", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('x'))
            .ToList();
        string testpngs = SharedCorpus.TestPngs;
        files.AddRange(Directory.GetFiles(testpngs, "*.png", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "crashers" + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    [Fact]
    public void EveryValidCorpusFileDecodesExactlyLikePil()
    {
        var files = ValidCorpusFiles();
        Assert.True(files.Count >= 150, $"expected the full corpus under {SharedCorpus.Root}, found {files.Count} files");
        var reference = PilPngOracle.DecodeAll(files);
        var failures = new List<string>();
        var methods = new Dictionary<string, int>();
        for (int i = 0; i < files.Count; i++)
        {
            string name = Path.GetRelativePath(SharedCorpus.Root, files[i]);
            var r = reference[i];
            if (r.Rgba is null)
            {
                failures.Add($"{name}: oracle could not decode it ({r.Error})");
                continue;
            }

            methods[r.Method] = methods.GetValueOrDefault(r.Method) + 1;
            try
            {
                using var image = PngDecoder.DecodeFile(files[i]);
                if (image.Width != r.Width || image.Height != r.Height)
                {
                    failures.Add($"{name}: size {image.Width}x{image.Height}, oracle {r.Width}x{r.Height}");
                    continue;
                }

                string? diff = PngRgba.FirstDifference(r.Rgba, PngRgba.Of(image), image.Width);
                if (diff is not null)
                {
                    failures.Add($"{name} ({r.Method}): {diff}");
                }
            }
            catch (Exception e) when (e is InvalidImageException or UnsupportedImageFeatureException)
            {
                failures.Add($"{name}: we rejected a file the oracle reads: {e.Message}");
            }
        }

        output.WriteLine($"{files.Count - failures.Count}/{files.Count} corpus files equal to the oracle.");
        foreach (var (method, n) in methods)
        {
            output.WriteLine($"  {n,4} via {method}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} files differ:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void ChannelLayoutFollowsColourTypeAndTransparency()
    {
        foreach (string file in ValidCorpusFiles())
        {
            byte[] data = File.ReadAllBytes(file);
            using var image = PngDecoder.Decode(data, fileName: file);
            bool trns = PngBytes.Chunks(data).Any(c => c.Type == "tRNS");
            int expected = image.Header.ColorType switch
            {
                PngColorType.Grayscale => trns ? 2 : 1,
                PngColorType.Truecolor => trns ? 4 : 3,
                PngColorType.Indexed => trns ? 4 : 3,
                PngColorType.GrayscaleAlpha => 2,
                _ => 4,
            };
            Assert.True(expected == image.Channels, $"{file}: {image.Header} decoded to {image.Channels} channels, expected {expected}");
        }
    }

    [Fact]
    public void SixteenBitOutputAgreesWithEightBitOutputAndKeepsLowBytes()
    {
        int sixteenBitFilesWithLowBits = 0;
        foreach (string file in ValidCorpusFiles())
        {
            using var wide = PngDecoder.DecodeFile16(file);
            using var narrow = PngDecoder.DecodeFile(file);
            Assert.True(wide.Pixels.SameShape(narrow.Pixels), file);
            var w = wide.Pixels.Span;
            var n = narrow.Pixels.Span;
            bool anyLow = false;
            for (int i = 0; i < w.Length; i++)
            {
                Assert.True(w[i] >> 8 == n[i], $"{file}: sample {i} is {w[i]} at 16 bits but {n[i]} at 8 bits");
                anyLow |= (w[i] & 0xFF) != (w[i] >> 8);
            }

            if (wide.Header.BitDepth == 16 && anyLow)
            {
                sixteenBitFilesWithLowBits++;
            }
        }

        // The 16-bit API is only worth having if it keeps the low bytes that the 8-bit output drops.
        Assert.True(sixteenBitFilesWithLowBits > 10, $"only {sixteenBitFilesWithLowBits} 16-bit files kept low-byte detail");
    }

    [Fact]
    public void AnyPngSuiteFileNamedXIsRejected()
    {
        // The full PngSuite marks corrupt files with a leading 'x'. The libpng copy in the shared corpus carries none,
        // so PngSuiteStyleCorruptions rebuilds them; this test guards any that are added later.
        foreach (string file in Directory.GetFiles(SharedCorpus.PngSuite, "x*.png", SearchOption.AllDirectories))
        {
            Assert.ThrowsAny<InvalidImageException>(() => PngDecoder.DecodeFile(file).Dispose());
        }
    }
}
