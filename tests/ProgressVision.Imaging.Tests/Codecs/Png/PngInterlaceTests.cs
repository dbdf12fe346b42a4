using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>
/// Adam7 at the sizes where passes are empty or one pixel wide (1…9 × 1…9, grey 1-bit, grey 8-bit, RGB 16-bit).
/// The files are interlaced by a small test-side writer (filter type 0, pass geometry straight from PNG §8.2);
/// PIL reads the same files, so the writer is checked too and a shared misunderstanding cannot pass.
/// </summary>
public sealed class PngInterlaceTests
{
    private static readonly int[] XStart = [0, 4, 0, 2, 0, 1, 0], YStart = [0, 0, 4, 0, 2, 0, 1];
    private static readonly int[] XStep = [8, 8, 4, 4, 2, 2, 1], YStep = [8, 8, 8, 4, 4, 2, 2];

    [Fact]
    public void SmallInterlacedImagesDecodeToTheirSourceAndMatchPil()
    {
        string dir = Directory.CreateTempSubdirectory("pv-adam7-").FullName;
        try
        {
            var cases = new List<(string Path, byte[] Rgba, int Width)>();
            var rng = new Random(7);
            foreach (var (depth, colorType) in new[] { (1, 0), (8, 0), (16, 2) })
            {
                for (int w = 1; w <= 9; w++)
                {
                    for (int h = 1; h <= 9; h++)
                    {
                        int samples = colorType == 2 ? 3 : 1;
                        int max = (1 << depth) - 1;
                        var values = new int[w * h * samples];
                        for (int i = 0; i < values.Length; i++)
                        {
                            values[i] = rng.Next(max + 1);
                        }

                        string path = Path.Combine(dir, $"adam7-{depth}-{colorType}-{w}x{h}.png");
                        File.WriteAllBytes(path, Interlaced(values, w, h, depth, colorType));
                        cases.Add((path, ExpectedRgba(values, w, h, depth, samples), w));
                    }
                }
            }

            var pil = PilPngOracle.DecodeAll([.. cases.Select(c => c.Path)]);
            for (int i = 0; i < cases.Count; i++)
            {
                var (path, expected, width) = cases[i];
                Assert.True(pil[i].Rgba is not null, $"PIL could not read {path}: {pil[i].Error}");
                Assert.Null(PngRgba.FirstDifference(expected, pil[i].Rgba!, width)); // the test writer is right
                using var ours = PngDecoder.DecodeFile(path);
                Assert.True(ours.Header.Interlaced);
                string? diff = PngRgba.FirstDifference(expected, PngRgba.Of(ours), width);
                Assert.True(diff is null, $"{Path.GetFileName(path)}: {diff}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static byte[] ExpectedRgba(int[] values, int w, int h, int depth, int samples)
    {
        var rgba = new byte[w * h * 4];
        for (int p = 0; p < w * h; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                int v = values[(p * samples) + (samples == 3 ? c : 0)];
                rgba[(4 * p) + c] = (byte)(depth == 16 ? v >> 8 : depth == 1 ? v * 255 : v);
            }

            rgba[(4 * p) + 3] = 255;
        }

        return rgba;
    }

    private static byte[] Interlaced(int[] values, int w, int h, int depth, int colorType)
    {
        int samples = colorType == 2 ? 3 : 1;
        using var raw = new MemoryStream();
        for (int pass = 0; pass < 7; pass++)
        {
            var xs = Enumerable.Range(0, w).Where(x => x >= XStart[pass] && (x - XStart[pass]) % XStep[pass] == 0).ToArray();
            var ys = Enumerable.Range(0, h).Where(y => y >= YStart[pass] && (y - YStart[pass]) % YStep[pass] == 0).ToArray();
            if (xs.Length == 0 || ys.Length == 0)
            {
                continue;
            }

            foreach (int y in ys)
            {
                raw.WriteByte(0);
                var bits = new List<int>();
                foreach (int x in xs)
                {
                    for (int s = 0; s < samples; s++)
                    {
                        bits.Add(values[(((y * w) + x) * samples) + s]);
                    }
                }

                raw.Write(Pack(bits, depth));
            }
        }

        return PngBytes.File(
            PngBytes.Chunk("IHDR", PngBytes.Ihdr((uint)w, (uint)h, (byte)depth, (byte)colorType, interlace: 1)),
            PngBytes.Chunk("IDAT", PngBytes.Zlib(raw.ToArray())),
            PngBytes.Chunk("IEND", []));
    }

    private static byte[] Pack(List<int> samples, int depth)
    {
        if (depth == 16)
        {
            return [.. samples.SelectMany(v => new[] { (byte)(v >> 8), (byte)v })];
        }

        if (depth == 8)
        {
            return [.. samples.Select(v => (byte)v)];
        }

        var bytes = new byte[((samples.Count * depth) + 7) / 8];
        for (int i = 0; i < samples.Count; i++)
        {
            int bit = i * depth;
            bytes[bit / 8] |= (byte)(samples[i] << (8 - depth - (bit % 8)));
        }

        return bytes;
    }
}
