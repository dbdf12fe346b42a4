using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using ProgressVision.Imaging.Codecs.Png;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>
/// Seeded, bounded mutation fuzzing of the PNG decoder. Besides raw bit flips and truncations (which the CRC
/// check catches), most mutants get their CRCs recomputed, or are re-compressed after editing the inflated
/// scanlines, so they reach the chunk state machine, the limits, the unfilter and the pixel conversion.
/// Only <see cref="InvalidImageException"/> and <see cref="UnsupportedImageFeatureException"/> may escape.
/// </summary>
public sealed class PngFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 2000;
    private const int Seed = 20261121;

    private static readonly string[] SeedFiles =
    [
        "basn0g01.png", "basn0g02.png", "basn0g04.png", "basn0g08.png", "basn0g16.png", "basn2c08.png", "basn2c16.png",
        "basn3p01.png", "basn3p02.png", "basn3p04.png", "basn3p08.png", "basn4a08.png", "basn4a16.png", "basn6a08.png",
        "basn6a16.png", "ftbbn0g04.png", "ftbrn2c08.png", "ftbbn2c16.png", "ftbwn3p08.png", "ibasn0g08.png", "ibasn2c16.png",
        "ibasn3p08.png", "ibasn6a08.png", "iftbbn3p08.png", "interlaced/ibasn0g01.png", "interlaced/iftbbn0g04.png",
    ];

    private static readonly string[] ChunkTypes = ["IHDR", "PLTE", "tRNS", "IDAT", "IEND", "eXIf", "gAMA", "bKGD", "ABCD", "zzZz"];

    [Fact]
    public void MutantsOnlyRaiseImageExceptions()
    {
        var seeds = SeedFiles.Select(f => File.ReadAllBytes(Path.Combine(SharedCorpus.PngSuite, f))).ToArray();
        var rng = new Random(Seed);
        var options = new PngDecoderOptions { MaxPixels = 4_000_000 };
        int decoded = 0, invalid = 0, unsupported = 0;
        var unexpected = new List<string>();
        var clock = Stopwatch.StartNew();
        TimeSpan slowest = TimeSpan.Zero;
        for (int i = 0; i < Iterations; i++)
        {
            int s = rng.Next(seeds.Length);
            (byte[] mutant, string kind) = Mutate(seeds[s], rng);
            var one = Stopwatch.StartNew();
            try
            {
                if (i % 2 == 0)
                {
                    PngDecoder.Decode(mutant, options, "fuzz.png").Dispose();
                }
                else
                {
                    PngDecoder.Decode16(mutant, options, "fuzz.png").Dispose();
                }

                decoded++;
            }
            catch (InvalidImageException)
            {
                invalid++;
            }
            catch (UnsupportedImageFeatureException)
            {
                unsupported++;
            }
            catch (Exception e)
            {
                unexpected.Add($"iteration {i} ({SeedFiles[s]}, {kind}): {e.GetType().Name}: {e.Message} — mutant {Convert.ToBase64String(mutant)}");
            }

            if (one.Elapsed > slowest)
            {
                slowest = one.Elapsed;
            }
        }

        output.WriteLine($"{Iterations} mutants in {clock.Elapsed.TotalSeconds:F2} s: decoded {decoded}, invalid {invalid}, unsupported {unsupported}, unexpected {unexpected.Count}, slowest {slowest.TotalMilliseconds:F1} ms");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(5)));

        // The fuzz must get past the CRC check: a good share of mutants decode, others are rejected deeper inside.
        Assert.True(decoded > Iterations / 10, $"only {decoded} mutants decoded; the mutations do not reach the pixel pipeline");
    }

    private static (byte[] Mutant, string Kind) Mutate(byte[] original, Random rng)
    {
        byte[] data = (byte[])original.Clone();
        var chunks = PngBytes.Chunks(data);
        switch (rng.Next(9))
        {
            case 0: // raw bit flips: almost always caught by the CRC
                for (int k = rng.Next(1, 8); k > 0; k--)
                {
                    data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
                }

                return (data, "bit flips");

            case 1: // bit flips in chunk bodies/headers, CRCs fixed up
                for (int k = rng.Next(1, 4); k > 0; k--)
                {
                    data[8 + rng.Next(data.Length - 8)] ^= (byte)(1 << rng.Next(8));
                }

                PngBytes.FixCrcs(data);
                return (data, "bit flips + CRC fix");

            case 2:
                return (data[..rng.Next(data.Length)], "truncation");

            case 3: // insert a chunk with random content and a valid CRC at a chunk boundary
            {
                var at = chunks[rng.Next(chunks.Count)].Offset;
                byte[] body = new byte[rng.Next(0, 40)];
                rng.NextBytes(body);
                byte[] chunk = PngBytes.Chunk(ChunkTypes[rng.Next(ChunkTypes.Length)], body);
                return ([.. data[..at], .. chunk, .. data[at..]], "chunk insertion");
            }

            case 4: // delete or duplicate a chunk
            {
                var c = chunks[rng.Next(chunks.Count)];
                int end = Math.Min(data.Length, c.Offset + 12 + c.Length);
                return rng.Next(2) == 0
                    ? ([.. data[..c.Offset], .. data[end..]], "chunk deletion")
                    : ([.. data[..end], .. data[c.Offset..end], .. data[end..]], "chunk duplication");
            }

            case 5: // IHDR fields
            {
                int field = 16 + rng.Next(13);
                data[field] = rng.Next(3) switch { 0 => (byte)rng.Next(256), 1 => (byte)(data[field] + 1), _ => (byte)(data[field] - 1) };
                PngBytes.FixCrcs(data);
                return (data, "IHDR field + CRC fix");
            }

            case 6: // chunk length field
            {
                var c = chunks[rng.Next(chunks.Count)];
                uint len = rng.Next(3) switch { 0 => (uint)rng.Next(), 1 => (uint)c.Length + 1, _ => (uint)Math.Max(0, c.Length - 1) };
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(c.Offset), len);
                return (data, "length field");
            }

            default: // edit the inflated scanlines (filter bytes, samples, length), recompress, valid CRCs
                return (RewriteImageData(data, chunks, rng), "scanline edit + recompress");
        }
    }

    private static byte[] RewriteImageData(byte[] data, List<(int Offset, string Type, int Length)> chunks, Random rng)
    {
        var idat = chunks.Where(c => c.Type == "IDAT").ToList();
        using var compressed = new MemoryStream();
        foreach (var c in idat)
        {
            compressed.Write(data, c.Offset + 8, c.Length);
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        byte[] raw = inflated.ToArray();
        switch (rng.Next(4))
        {
            case 0:
                for (int k = rng.Next(1, 6); k > 0; k--)
                {
                    raw[rng.Next(raw.Length)] = (byte)rng.Next(5); // mostly valid filter types in random places
                }

                break;
            case 1:
                for (int k = rng.Next(1, 20); k > 0; k--)
                {
                    raw[rng.Next(raw.Length)] = (byte)rng.Next(256);
                }

                break;
            case 2:
                raw = raw[..rng.Next(raw.Length)];
                break;
            default:
                raw = [.. raw, .. new byte[rng.Next(1, 64)]];
                break;
        }

        byte[] newIdat = PngBytes.Chunk("IDAT", PngBytes.Zlib(raw));
        int first = idat[0].Offset;
        var last = idat[^1];
        int end = last.Offset + 12 + last.Length;
        return [.. data[..first], .. newIdat, .. data[end..]];
    }
}
