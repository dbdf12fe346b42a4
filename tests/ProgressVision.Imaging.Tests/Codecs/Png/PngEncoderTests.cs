using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>PNG encoder: round trips through our decoder and through Debian's PIL, exact.</summary>
public sealed class PngEncoderTests
{
    /// <summary>Synthetic content: a gradient with a noisy band, so every filter has something to do.</summary>
    internal static PixelBuffer<byte> Synthetic(int width, int height, int channels, int seed)
    {
        var rng = new Random(seed);
        var image = new PixelBuffer<byte>(width, height, channels);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int v = (y % 17 < 5) ? rng.Next(256) : ((x * (c + 1) * 7) + (y * 3) + (c * 40)) & 0xFF;
                    image[x, y, c] = (byte)v;
                }
            }
        }

        return image;
    }

    public static TheoryData<int, int, int, PngFilterStrategy> Shapes()
    {
        var data = new TheoryData<int, int, int, PngFilterStrategy>();
        foreach (int ch in new[] { 1, 2, 3, 4 })
        {
            foreach (var f in Enum.GetValues<PngFilterStrategy>())
            {
                data.Add(37, 23, ch, f);
            }

            data.Add(1, 1, ch, PngFilterStrategy.Adaptive);
            data.Add(1, 9, ch, PngFilterStrategy.Paeth);
            data.Add(300, 2, ch, PngFilterStrategy.Adaptive);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    [Trait("Category", "KernelEquivalence")] // also runs with SIMD off: the scalar filter dispatch must round-trip too
    public void RoundTripThroughOurDecoderIsExact(int width, int height, int channels, PngFilterStrategy filter)
    {
        using var source = Synthetic(width, height, channels, seed: width + height + channels);
        byte[] png = PngEncoder.Encode(source, new PngEncoderOptions { Filter = filter, IdatChunkBytes = 97 });
        using var decoded = PngDecoder.Decode(png);
        Assert.Equal(channels, decoded.Channels);
        Assert.True(source.Span.SequenceEqual(decoded.Pixels.Span));
    }

    [Fact]
    public void RoundTripThroughPilIsExact()
    {
        string dir = Directory.CreateTempSubdirectory("pv-png-enc-").FullName;
        try
        {
            var files = new List<string>();
            var sources = new List<byte[]>();
            int i = 0;
            foreach (int ch in new[] { 1, 2, 3, 4 })
            {
                foreach (var filter in Enum.GetValues<PngFilterStrategy>())
                {
                    using var source = Synthetic(61, 29 + ch, ch, seed: 1000 + i);
                    string path = Path.Combine(dir, $"enc-{ch}-{filter}.png");
                    PngEncoder.EncodeFile(source, path, new PngEncoderOptions { Filter = filter, IdatChunkBytes = 500 });
                    files.Add(path);
                    using var reread = PngDecoder.DecodeFile(path);
                    sources.Add(PngRgba.Of(reread)); // equal to the source: checked by RoundTripThroughOurDecoderIsExact
                    Assert.True(source.Span.SequenceEqual(reread.Pixels.Span));
                    i++;
                }
            }

            var pil = PilPngOracle.DecodeAll(files);
            for (int k = 0; k < files.Count; k++)
            {
                Assert.True(pil[k].Rgba is not null, $"PIL could not read our {files[k]}: {pil[k].Error}");
                Assert.True(pil[k].Method == "PIL convert RGBA", pil[k].Method);
                Assert.Null(PngRgba.FirstDifference(pil[k].Rgba!, sources[k], pil[k].Width));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void WritesOnlyCriticalChunks()
    {
        using var source = Synthetic(300, 200, 3, seed: 5);
        byte[] png = PngEncoder.Encode(source, new PngEncoderOptions { IdatChunkBytes = 4096 });
        var types = PngBytes.Chunks(png).Select(c => c.Type).Distinct().ToArray();
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        Assert.True(PngBytes.Chunks(png).Count(c => c.Type == "IDAT") > 1, "expected the data split over several IDAT chunks");
        foreach (var (off, _, len) in PngBytes.Chunks(png))
        {
            Assert.Equal(PngBytes.Crc(png.AsSpan(off + 4, len + 4)), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(off + 8 + len)));
        }
    }

    [Fact]
    public void AdaptiveFilteringBeatsNoFilteringOnAGradient()
    {
        using var image = new PixelBuffer<byte>(256, 256, 3);
        for (int y = 0; y < 256; y++)
        {
            for (int x = 0; x < 256; x++)
            {
                image[x, y, 0] = (byte)x;
                image[x, y, 1] = (byte)y;
                image[x, y, 2] = (byte)((x + y) / 2);
            }
        }

        int none = PngEncoder.Encode(image, new PngEncoderOptions { Filter = PngFilterStrategy.None }).Length;
        int adaptive = PngEncoder.Encode(image).Length;
        Assert.True(adaptive * 2 < none, $"adaptive {adaptive} bytes vs none {none} bytes");
    }

    [Fact]
    public void RejectsBadArguments()
    {
        using var ms = new MemoryStream();
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[5], 2, 2, 1, ms));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(new byte[20], 2, 2, 5, ms));
    }
}
