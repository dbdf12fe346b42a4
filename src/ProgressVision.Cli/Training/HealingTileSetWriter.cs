using System.Text.Json;
using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Geometry;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Cli.Training;

/// <summary>
/// Writes the healing model's training set from synthetic cases: tiles cut exactly as inference cuts
/// them (<see cref="HealingTileSampler"/>), with the AFTER photo warped onto BEFORE through the TRUE
/// mapping, labelled by the renderer's per-pixel healing truth. Format: see models/healing/README.md.
/// </summary>
public static class HealingTileSetWriter
{
    /// <summary>A tile is labelled with a condition when that condition covers this fraction of its valid pixels.</summary>
    public const double PositiveFraction = 0.35;

    /// <summary>A tile is "healthy" only when conditions cover less than this fraction; tiles in between are ambiguous and skipped.</summary>
    public const double HealthyMaxFraction = 0.05;

    /// <summary>Per case, keep at most this many healthy tiles per positive tile (plus a floor), to limit imbalance.</summary>
    public const int HealthyPerPositive = 2;

    /// <summary>Writes <paramref name="cases"/> cases starting at <paramref name="seed"/>; returns the class counts.</summary>
    /// <param name="outDir">Output directory.</param>
    /// <param name="cases">Number of cases.</param>
    /// <param name="seed">Seed of case 0 (case i uses seed + i).</param>
    /// <param name="progress">Progress sink.</param>
    /// <param name="presets">Presets cycled by case index; null for the original mix.</param>
    /// <param name="context">Plane pixels of context cut around each tile (<see cref="HealingTileLayout.Context"/>).</param>
    public static int[] Write(string outDir, int cases, ulong seed, IProgress<(double Fraction, string Status)>? progress = null, IReadOnlyList<SynthPreset>? presets = null, int context = HealingTileLayout.Context)
    {
        Directory.CreateDirectory(outDir);
        var counts = new int[HealingFlagTypes.ModelClasses.Count];
        int total = 0;
        using var tiles = new FileStream(Path.Combine(outDir, "tiles.f32"), FileMode.Create);
        using var labels = new FileStream(Path.Combine(outDir, "labels.u8"), FileMode.Create);
        using var caseIds = new FileStream(Path.Combine(outDir, "cases.i32"), FileMode.Create);
        var lockObj = new object();
        // Cases render in parallel but are written in case order: a finished case waits in `ready` until every case
        // before it is written. train.py draws its seeded batches by tile index, so the file order is part of what
        // makes a retrain reproduce the same model (written in completion order, two runs of one command gave the same
        // tiles in a different order). With two to a few workers the wait list stays a handful of cases.
        var ready = new Dictionary<int, List<(float[] Data, int Label)>>();
        int next = 0;

        Parallel.For(0, cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            // Presets cycle so every condition and every difficulty is represented.
            var preset = (i % 3) switch { 0 => SynthPreset.Healing, 1 => SynthPreset.Mixed, _ => SynthPreset.Healing };
            if (i % 7 == 6)
            {
                preset = SynthPreset.Hard;
            }

            if (presets is { Count: > 0 })
            {
                preset = presets[i % presets.Count];
            }

            var sample = CutCase(seed + (ulong)i, preset, context);
            lock (lockObj)
            {
                ready[i] = sample;
                while (ready.Remove(next, out var inOrder))
                {
                    foreach (var (data, label) in inOrder)
                    {
                        WriteFloats(tiles, data);
                        labels.WriteByte((byte)label);
                        // Case id = its seed: unique across tile sets written with different --seed, so sets can be merged.
                        caseIds.Write(BitConverter.GetBytes(unchecked((int)(seed + (ulong)next))));
                        counts[label]++;
                        total++;
                    }

                    next++;
                    progress?.Report((next / (double)cases, $"{next}/{cases} cases, {total} tiles"));
                }
            }
        });

        var meta = new HealingTileSetMeta(total, HealingTileLayout.Channels, HealingTileLayout.InputSize(context), HealingTileLayout.Downscale,
            [.. HealingFlagTypes.ModelClasses], counts, cases, seed, HealingTileLayout.LScale, HealingTileLayout.ChromaScale, context);
        File.WriteAllText(Path.Combine(outDir, "meta.json"), JsonSerializer.Serialize(meta, TrainingJsonContext.Default.HealingTileSetMeta));
        return counts;
    }

    /// <summary>Cuts the labelled tiles of one synthetic case, each with <paramref name="context"/> pixels around it (the label is the tile's own).</summary>
    public static List<(float[] Data, int Label)> CutCase(ulong seed, SynthPreset preset, int context = HealingTileLayout.Context)
    {
        using var pair = SynthCase.Generate(seed, preset).Render();
        var before = pair.Before.Rgb;
        using var afterOnBefore = new PixelBuffer<byte>(before.Width, before.Height, 3);
        using var valid = new PixelBuffer<byte>(before.Width, before.Height, 1);
        MappedWarp.WarpRgb(pair.After.Rgb, afterOnBefore, pair.MapBeforeToAfter, valid);
        using var sampler = new HealingTileSampler(before, afterOnBefore, valid);
        var afterMasks = pair.After.Masks;
        var beforeRegions = pair.Before.Masks.Regions;

        const int s = HealingTileLayout.TileSize, f = HealingTileLayout.Downscale;
        var rng = new Random(unchecked((int)seed));
        var positives = new List<(float[] Data, int Label)>();
        var healthy = new List<(float[] Data, int Label)>();
        foreach (var (tx, ty) in sampler.TileOrigins(s / 2))
        {
            // Label from the AFTER healing truth seen through the true mapping, on a 4-px lattice.
            var hist = new int[HealingFlagTypes.ModelClasses.Count];
            int scalp = 0, n = 0;
            for (int y = 0; y < s * f; y += 4)
            {
                for (int x = 0; x < s * f; x += 4)
                {
                    int bx = (tx * f) + x, by = (ty * f) + y;
                    n++;
                    if (beforeRegions[bx, by] == RegionLabel.Background)
                    {
                        continue;
                    }

                    scalp++;
                    var (ax, ay) = pair.MapBeforeToAfter(bx, by);
                    int ix = (int)Math.Round(ax), iy = (int)Math.Round(ay);
                    if ((uint)ix < (uint)afterMasks.Healing.Width && (uint)iy < (uint)afterMasks.Healing.Height)
                    {
                        hist[Math.Min(afterMasks.Healing[ix, iy], (byte)(hist.Length - 1))]++;
                    }
                }
            }

            if (scalp < n / 2)
            {
                continue; // mostly background: the model is never asked about these
            }

            int best = 1;
            for (int k = 2; k < hist.Length; k++)
            {
                best = hist[k] > hist[best] ? k : best;
            }

            double frac = hist[best] / (double)scalp;
            int label = frac >= PositiveFraction ? best : frac < HealthyMaxFraction ? 0 : -1;
            if (label < 0)
            {
                continue;
            }

            var data = new float[HealingTileLayout.InputFloats(context)];
            sampler.CopyTile(tx, ty, data, context);
            (label == 0 ? healthy : positives).Add((data, label));
        }

        // Keep healthy tiles in proportion; shuffle deterministically before trimming.
        int keep = Math.Max(6, HealthyPerPositive * positives.Count);
        var chosen = healthy.OrderBy(_ => rng.Next()).Take(keep);
        return [.. positives, .. chosen];
    }

    private static void WriteFloats(Stream s, float[] data)
    {
        var bytes = new byte[data.Length * 4];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("tile sets are little-endian");
        }

        s.Write(bytes);
    }
}

/// <summary>meta.json of a tile set.</summary>
public sealed record HealingTileSetMeta(
    int Count, int Channels, int Size, int Downscale, string[] Classes, int[] ClassCounts, int Cases, ulong FirstSeed, float LScale, float ChromaScale, int Context);
