using System.Diagnostics;

namespace ProgressVision.Imaging.Codecs;

/// <summary>Outcome counts of a <see cref="CodecFuzzer"/> run.</summary>
/// <param name="Decoded">Mutants that still decoded.</param>
/// <param name="Invalid">Mutants rejected with <see cref="InvalidImageException"/>.</param>
/// <param name="Unsupported">Mutants rejected with <see cref="UnsupportedImageFeatureException"/>.</param>
/// <param name="Unexpected">Mutants that raised anything else (each one is a bug).</param>
/// <param name="Slowest">Longest single decode.</param>
public readonly record struct FuzzStats(int Decoded, int Invalid, int Unsupported, int Unexpected, TimeSpan Slowest)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"decoded {Decoded}, invalid {Invalid}, unsupported {Unsupported}, unexpected {Unexpected}, slowest {Slowest.TotalMilliseconds:F1} ms";
}

/// <summary>
/// Seeded mutation fuzzing of image decoders: bit flips, byte overwrites, truncations, inserted
/// 0xFF marker bytes, corrupted big-endian length fields, deleted or duplicated spans. A decoder
/// passes when every mutant either decodes or raises one of the two image exceptions.
/// </summary>
public static class CodecFuzzer
{
    /// <summary>Runs <paramref name="iterations"/> mutants derived from <paramref name="seeds"/>.</summary>
    /// <param name="seeds">Valid files to mutate.</param>
    /// <param name="iterations">Number of mutants.</param>
    /// <param name="seed">Random seed (same seed, same mutants).</param>
    /// <param name="onUnexpected">Called with (iteration, mutant, exception) for any other exception.</param>
    /// <param name="decode">Decoder under test; <see cref="ImageCodecs.Decode(byte[], string?, DecodeOptions?)"/> when null.</param>
    public static FuzzStats Run(IReadOnlyList<byte[]> seeds, int iterations, int seed, Action<int, byte[], Exception> onUnexpected,
        Func<byte[], IDisposable>? decode = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(onUnexpected);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("At least one seed file is needed.", nameof(seeds));
        }

        decode ??= bytes => ImageCodecs.Decode(bytes, "fuzz");
        var rnd = new Random(seed);
        int decoded = 0, invalid = 0, unsupported = 0, unexpected = 0;
        TimeSpan slowest = TimeSpan.Zero;
        for (int i = 0; i < iterations; i++)
        {
            byte[] mutant = Mutate(seeds[rnd.Next(seeds.Count)], rnd);
            var sw = Stopwatch.StartNew();
            try
            {
                decode(mutant).Dispose();
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
            catch (Exception ex)
            {
                unexpected++;
                onUnexpected(i, mutant, ex);
            }

            if (sw.Elapsed > slowest)
            {
                slowest = sw.Elapsed;
            }
        }

        return new FuzzStats(decoded, invalid, unsupported, unexpected, slowest);
    }

    /// <summary>One to three random mutations of a copy of <paramref name="source"/>.</summary>
    public static byte[] Mutate(byte[] source, Random rnd)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rnd);
        var data = new List<byte>(source);
        int count = 1 + rnd.Next(3);
        for (int m = 0; m < count && data.Count > 0; m++)
        {
            switch (rnd.Next(7))
            {
                case 0: // bit flips
                    for (int k = rnd.Next(1, 9); k > 0; k--)
                    {
                        int at = rnd.Next(data.Count);
                        data[at] ^= (byte)(1 << rnd.Next(8));
                    }

                    break;
                case 1: // byte overwrites
                    for (int k = rnd.Next(1, 5); k > 0; k--)
                    {
                        data[rnd.Next(data.Count)] = (byte)rnd.Next(256);
                    }

                    break;
                case 2: // truncation
                {
                    int at = rnd.Next(data.Count);
                    data.RemoveRange(at, data.Count - at);
                    break;
                }

                case 3: // inserted marker (often RSTn/EOI/SOS/DHT)
                    byte[] markers = [0xD0, 0xD3, 0xD7, 0xD9, 0xDA, 0xC4, 0xDB, 0xDD, 0xC0, 0xC2, 0xFF, 0x00, (byte)rnd.Next(256)];
                    data.InsertRange(rnd.Next(data.Count), [0xFF, markers[rnd.Next(markers.Length)]]);
                    break;
                case 4: // corrupt a length field right after a marker
                {
                    int at = rnd.Next(data.Count);
                    for (int p = at; p + 3 < data.Count; p++)
                    {
                        if (data[p] == 0xFF && data[p + 1] is not (0x00 or 0xFF))
                        {
                            data[p + 2] = (byte)rnd.Next(256);
                            data[p + 3] = (byte)rnd.Next(256);
                            break;
                        }
                    }

                    break;
                }

                case 5: // delete a span
                {
                    int at = rnd.Next(data.Count);
                    data.RemoveRange(at, Math.Min(data.Count - at, rnd.Next(1, 64)));
                    break;
                }

                default: // duplicate a span
                {
                    int at = rnd.Next(data.Count);
                    int len = Math.Min(data.Count - at, rnd.Next(1, 64));
                    data.InsertRange(rnd.Next(data.Count), data.GetRange(at, len));
                    break;
                }
            }
        }

        return [.. data];
    }
}
