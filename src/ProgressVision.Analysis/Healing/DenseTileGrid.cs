using System.Diagnostics;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// Classifies the tiles of the half-tile grid through the model's dense form: the convolutions run once over bands
/// of the planes instead of up to four times over each pixel in overlapping tiles.
/// </summary>
/// <remarks>
/// A band is a run of cell rows [r0, r1) with one cell row (32 plane pixels) of real neighbours above and below,
/// so its cells equal those of the whole plane exactly: zero padding at a band's cut reaches only the first
/// 16 pixels' features inside it (the first two rows of the stride-8 features) and a model with context reads 12
/// pixels above a tile, while the first cell used starts 32 pixels in. Bands start on multiples of 32, so every convolution's stride phase stays that of the whole
/// plane. Bands bound the memory of the first convolution's output (24 channels at half the plane's size).
/// </remarks>
internal sealed class DenseTileGrid(HealingModel model, HealingTileSampler sampler, int maxBandPixels = DenseTileGrid.DefaultBandPixels)
{
    /// <summary>Plane pixels per run: a 12 MP pair's 2016×1512 planes are one band (the first layer's output then takes 73 MB).</summary>
    public const int DefaultBandPixels = 4_000_000;

    private const int Step = HealingModel.DenseStride;

    /// <summary>Time spent inside ONNX Runtime so far.</summary>
    public double ModelMilliseconds { get; private set; }

    /// <summary>Whether the tile at this origin is a cell of the dense grid.</summary>
    public static bool OnGrid((int X, int Y) origin) => origin.X % Step == 0 && origin.Y % Step == 0;

    /// <summary>Probabilities of the tiles at <paramref name="origins"/>, all on the grid, in order.</summary>
    public List<HealingFlagAssembler.TileProbabilities> Classify(IReadOnlyList<(int X, int Y)> origins)
    {
        var result = new List<HealingFlagAssembler.TileProbabilities>(origins.Count);
        if (origins.Count == 0)
        {
            return result;
        }

        int classes = HealingFlagTypes.ModelClasses.Count;
        int w = sampler.Width, h = sampler.Height;
        int firstRow = origins.Min(o => o.Y) / Step, lastRow = origins.Max(o => o.Y) / Step;
        int rowsPerBand = Math.Max(1, (maxBandPixels / Math.Max(1, w) / Step) - 2);
        var byOrigin = new Dictionary<(int X, int Y), float[]>(origins.Count);
        float[]? band = null;
        for (int r0 = firstRow; r0 <= lastRow; r0 += rowsPerBand)
        {
            int r1 = Math.Min(lastRow + 1, r0 + rowsPerBand);
            // One cell row of context each side (none past the plane's own edges, which pad as the whole plane does).
            int top = Math.Max(0, (r0 - 1) * Step), bottom = Math.Min(h, ((r1 - 1) * Step) + HealingTileLayout.TileSize + Step);
            int bandH = bottom - top;
            ReadOnlyMemory<float> input;
            if (top == 0 && bottom == h)
            {
                input = sampler.Planes;
            }
            else
            {
                band ??= new float[HealingTileLayout.Channels * Math.Min(h, (rowsPerBand + 2) * Step + HealingTileLayout.TileSize) * w];
                sampler.CopyRows(top, bottom, band);
                input = band;
            }

            var (rows, columns) = HealingModel.DenseCells(bandH, w, model.Context);
            var probabilities = new float[classes * rows * columns];
            long t0 = Stopwatch.GetTimestamp();
            model.ClassifyPlane(input, bandH, w, probabilities);
            ModelMilliseconds += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            foreach (var o in origins)
            {
                int r = o.Y / Step;
                if (r < r0 || r >= r1)
                {
                    continue;
                }

                int v = (o.Y - top) / Step, u = o.X / Step;
                var p = new float[classes];
                for (int k = 0; k < classes; k++)
                {
                    p[k] = probabilities[(((k * rows) + v) * columns) + u];
                }

                byOrigin[o] = p;
            }
        }

        foreach (var o in origins)
        {
            result.Add(new(o.X, o.Y, byOrigin[o]));
        }

        return result;
    }
}
