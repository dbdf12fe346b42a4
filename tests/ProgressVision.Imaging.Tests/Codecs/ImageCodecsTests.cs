using System.Diagnostics;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Imaging.Tests.Codecs.Jpeg;
using ProgressVision.Imaging.Tests.Codecs.Png;

namespace ProgressVision.Imaging.Tests.Codecs;

/// <summary>The format-sniffing facade: PNG goes to the PNG decoder (alpha dropped), gray expands to RGB.</summary>
public sealed class ImageCodecsTests
{
    [Theory]
    [InlineData("basn2c08.png", 3)] // RGB 8-bit
    [InlineData("basn6a08.png", 3)] // RGBA 8-bit: alpha dropped
    [InlineData("basn0g08.png", 1)] // gray 8-bit
    [InlineData("basn4a08.png", 1)] // gray + alpha
    public void PngIsSniffedAndMatchesPil(string name, int channels)
    {
        string path = Path.Combine(SharedCorpus.PngSuite, name);
        using var img = ImageCodecs.Decode(path);
        Assert.Equal(ImageFormat.Png, img.Format);
        Assert.Equal(channels, img.Pixels.Channels);

        // Oracle: PIL's convert('RGB'/'L') drops alpha without compositing, as documented for our facade.
        string raw = Path.Combine(Path.GetTempPath(), $"pv-facade-{Environment.ProcessId}-{name}.pnm");
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"from PIL import Image; Image.open('{path}').convert('{(channels == 3 ? "RGB" : "L")}').save('{raw}')");
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"PIL failed: {err}");
        }

        var expected = JpegTestSupport.ReadPnm(raw);
        File.Delete(raw);
        Assert.Equal((expected.Width, expected.Height), (img.Width, img.Height));
        Assert.True(img.Pixels.Span.SequenceEqual(expected.Pixels), $"{name} differs from PIL");
    }

    [Fact]
    public void UnknownSignatureIsInvalid()
    {
        var ex = Assert.Throws<InvalidImageException>(() => ImageCodecs.Decode("BM...."u8, "x.bmp"));
        Assert.Contains("x.bmp", ex.Message);
        Assert.Equal(ImageFormat.Unknown, ImageCodecs.DetectFormat("BM"u8));
    }

    [Fact]
    public void ToRgbCopiesGrayIntoAllChannels()
    {
        using var gray = new PixelBuffer<byte>(3, 2, 1);
        for (int i = 0; i < 6; i++)
        {
            gray.Span[i] = (byte)(i * 40);
        }

        using var rgb = ImageCodecs.ToRgb(gray);
        Assert.Equal(3, rgb.Channels);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(gray[x, y], rgb[x, y, c]);
                }
            }
        }

        Assert.Same(rgb, ImageCodecs.ToRgb(rgb));
    }
}
