using System.Diagnostics;
using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// Runs the healing model over an aligned pair and explains each flag with measured numbers:
/// Δa* against the photo's own skin (redness), the share of earlier dots that faded (fade), and dot
/// radius growth (blowout). When the model and the measure disagree strongly the flag says so.
/// </summary>
public sealed class HealingAnalyzer(HealingModel model)
{
    /// <summary>Tiles per ONNX Runtime call.</summary>
    public const int BatchSize = 64;

    /// <summary>Class probability a tile needs to join a flag.</summary>
    public float Threshold { get; init; } = 0.6f;

    /// <summary>
    /// Measured a* rise over the photo's own skin a redness flag needs to be kept. The model proposes,
    /// the colour measurement confirms: below about twice the CIELAB just-noticeable difference
    /// (ΔE ≈ 2.3 → 2 a* units over a box that also holds some normal skin) there is no visible
    /// erythema, and on held-out pairs every redness flag under this value was a false alarm
    /// (lighting gradients and white-balance changes on dark skin).
    /// </summary>
    public double MinRednessDeltaA { get; init; } = 2.0;

    /// <summary>Tile grid stride in downscaled pixels (half a tile: every point is seen by up to 4 tiles).</summary>
    public int Stride { get; init; } = HealingTileLayout.TileSize / 2;

    /// <summary>Flags for a pair.</summary>
    /// <param name="before">BEFORE RGB.</param>
    /// <param name="afterOnBefore">AFTER warped onto BEFORE.</param>
    /// <param name="valid">Where both have data.</param>
    /// <param name="dots">What became of each BEFORE dot (for the evidence).</param>
    /// <param name="include">Optional filter on tile origins (downscaled pixels), e.g. the scalp area.</param>
    public HealingResult Analyze(PixelBuffer<byte> before, PixelBuffer<byte> afterOnBefore, PixelBuffer<byte> valid, IReadOnlyList<DotChangeSample> dots, Func<int, int, bool>? include = null)
    {
        var sw = Stopwatch.StartNew();
        using var sampler = new HealingTileSampler(before, afterOnBefore, valid);
        var origins = sampler.TileOrigins(Stride, include);
        var tiles = new List<HealingFlagAssembler.TileProbabilities>(origins.Count);
        int classes = HealingFlagTypes.ModelClasses.Count;
        var input = new float[BatchSize * HealingTileLayout.TileFloats];
        var output = new float[BatchSize * classes];
        for (int start = 0; start < origins.Count; start += BatchSize)
        {
            int n = Math.Min(BatchSize, origins.Count - start);
            Parallel.For(0, n, i => sampler.CopyTile(origins[start + i].X, origins[start + i].Y, input.AsSpan(i * HealingTileLayout.TileFloats, HealingTileLayout.TileFloats)));
            model.Classify(input, n, output);
            for (int i = 0; i < n; i++)
            {
                tiles.Add(new(origins[start + i].X, origins[start + i].Y, output.AsSpan(i * classes, classes).ToArray()));
            }
        }

        var proposed = HealingFlagAssembler.Assemble(tiles, Stride, Threshold, (type, box, members) => Evidence(sampler, dots, type, box, members));
        var flags = proposed.Where(Confirmed).ToList();
        return new HealingResult(flags, model.Sha256, tiles.Count, sw.Elapsed.TotalMilliseconds) { Unconfirmed = proposed.Where(f => !Confirmed(f)).ToList() };
    }

    private bool Confirmed(HealingFlag flag) =>
        flag.Type != HealingFlagTypes.Redness || flag.Evidence["peakTileDeltaAStar"] >= MinRednessDeltaA;

    private static (IReadOnlyDictionary<string, double> Evidence, string? Note) Evidence(HealingTileSampler s, IReadOnlyList<DotChangeSample> dots, string type, double[] box, IReadOnlyList<(int X, int Y)> members)
    {
        var e = new Dictionary<string, double>();
        string? note = null;
        switch (type)
        {
            case HealingFlagTypes.Redness:
            {
                var (afterDa, beforeDa) = MeanChroma(s, box);
                e["deltaAStar"] = Math.Round(afterDa, 2);
                // The box is the union of the tiles and may hold much normal skin around a small patch:
                // the reddest single tile says whether there is visible erythema anywhere in the flag.
                const int f = HealingTileLayout.Downscale, ts = HealingTileLayout.TileSize;
                e["peakTileDeltaAStar"] = Math.Round(members.Max(t => MeanChroma(s, [t.X * f, t.Y * f, ts * f, ts * f]).After), 2);
                e["deltaAStarVsBefore"] = Math.Round(afterDa - beforeDa, 2);
                if (afterDa < 2)
                {
                    note = $"the model sees redness but skin a* is only {afterDa:0.0} above this photo's skin reference";
                }

                break;
            }

            case HealingFlagTypes.PatchyFade:
            {
                var inBox = dots.Where(d => Inside(d, box)).ToList();
                double frac = inBox.Count == 0 ? 0 : inBox.Count(d => d.Faded) / (double)inBox.Count;
                e["dotsBefore"] = inBox.Count;
                e["fadedFraction"] = Math.Round(frac, 3);
                var kept = inBox.Where(d => d.ContrastRatio > 0).ToList();
                e["meanContrastRatio"] = kept.Count == 0 ? 0 : Math.Round(kept.Average(d => d.ContrastRatio), 3);
                if (inBox.Count < 5)
                {
                    note = $"only {inBox.Count} earlier dots were found here, too few to confirm fade by measurement";
                }
                else if (frac < 0.2)
                {
                    note = $"the model sees fade but only {frac:0%} of the {inBox.Count} earlier dots here faded";
                }

                break;
            }

            case HealingFlagTypes.Blowout:
            {
                var grown = dots.Where(d => Inside(d, box) && double.IsFinite(d.RadiusRatio)).ToList();
                double ratio = grown.Count == 0 ? double.NaN : Median(grown.Select(d => d.RadiusRatio));
                e["matchedDots"] = grown.Count;
                e["medianRadiusGrowth"] = double.IsNaN(ratio) ? 0 : Math.Round(ratio, 3);
                if (grown.Count < 5)
                {
                    note = $"only {grown.Count} matched dots here, too few to confirm blowout by measurement";
                }
                else if (ratio < 1.15)
                {
                    note = $"the model sees blowout but matched dots grew only {ratio:0.00}×";
                }

                break;
            }
        }

        return (e, note);
    }

    private static bool Inside(DotChangeSample d, double[] box) =>
        d.X >= box[0] && d.Y >= box[1] && d.X < box[0] + box[2] && d.Y < box[1] + box[3];

    // Mean a* above the skin reference over skin-like pixels (L* within 10 of skin, so dots and hair
    // do not dilute the redness), for AFTER and BEFORE, in the box (BEFORE pixels → downscaled).
    private static (double After, double Before) MeanChroma(HealingTileSampler s, double[] box)
    {
        const int f = HealingTileLayout.Downscale;
        int x0 = Math.Max(0, (int)(box[0] / f)), y0 = Math.Max(0, (int)(box[1] / f));
        int x1 = Math.Min(s.Width, (int)((box[0] + box[2]) / f)), y1 = Math.Min(s.Height, (int)((box[1] + box[3]) / f));
        double sa = 0, sb = 0;
        int na = 0, nb = 0;
        float lLimit = -10f / HealingTileLayout.LScale;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                if (s.Plane(3, x, y) > lLimit)
                {
                    sa += s.Plane(4, x, y);
                    na++;
                }

                if (s.Plane(0, x, y) > lLimit)
                {
                    sb += s.Plane(1, x, y);
                    nb++;
                }
            }
        }

        return (na == 0 ? 0 : sa / na * HealingTileLayout.ChromaScale, nb == 0 ? 0 : sb / nb * HealingTileLayout.ChromaScale);
    }

    private static double Median(IEnumerable<double> v)
    {
        var a = v.OrderBy(x => x).ToArray();
        return a.Length == 0 ? double.NaN : a[a.Length / 2];
    }
}

/// <summary>Healing flags for a pair, the model's hash, and how much work it took.</summary>
public sealed record HealingResult(IReadOnlyList<HealingFlag> Flags, string ModelSha256, int Tiles, double Milliseconds)
{
    /// <summary>Flags the model proposed that the measurement did not confirm (e.g. redness with no measurable a* rise).</summary>
    public IReadOnlyList<HealingFlag> Unconfirmed { get; init; } = [];
}
