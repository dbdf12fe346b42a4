using ProgressVision.Imaging.Filters;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// The AFTER photo's skin redness (CIELAB a* above its skin reference) averaged over square windows of the model
/// planes, from summed-area tables (<see cref="IntegralImage"/>) so any window costs four lookups. Only skin-like pixels count (valid, L* no more
/// than 10 below the skin reference, colour not clipped), so pigment dots, hair, the area outside the photos and
/// over-exposed skin do not distort it.
/// </summary>
/// <remarks>
/// A window is half a model tile on a side (32 model px, 64 photo px, 3.2 mm at 0.05 mm/px): small enough that a
/// patch of erythema the size of the smallest finding (a quarter tile) fills it, so its mean is the patch's own
/// rise and not the rise diluted by the normal skin a whole tile also holds; large enough (1024 pixels) that pixel
/// noise averages out and what varies from window to window is light and skin.
/// </remarks>
internal sealed class RednessField
{
    /// <summary>Window side in model (downscaled) pixels.</summary>
    public const int Window = HealingTileLayout.TileSize / 2;

    // A window needs this share of skin-like pixels to be measured: less is mostly pigment, hair or outside.
    private const double MinSkinShare = 0.5;

    private readonly double[] _sum;
    private readonly long[] _count;

    /// <summary>Builds the tables from the sampler's AFTER planes.</summary>
    /// <param name="s">The pair's planes.</param>
    /// <param name="clipped">
    /// Optional <see cref="ClippedColour.PlaneMask"/> of the AFTER photo: pixels whose colour the camera clipped are
    /// not skin that can be measured, and a window made mostly of them holds too little skin.
    /// </param>
    public RednessField(HealingTileSampler s, byte[]? clipped = null)
    {
        Width = s.Width;
        Height = s.Height;
        // Two planes, then their summed-area tables: the a* rise where the pixel is skin-like (0 elsewhere) and the
        // skin-like mask itself, so a window's mean is its a* sum over its skin count.
        var rise = new float[Width * Height];
        var skin = new byte[Width * Height];
        int w = Width;
        // Row-parallel: each row writes only its own part of the two planes.
        Parallel.For(0, Height, y =>
        {
            ReadOnlySpan<byte> valid = s.ValidRow(y);
            ReadOnlySpan<float> l = s.PlaneRow(3, y), a = s.PlaneRow(4, y);
            var riseRow = rise.AsSpan(y * w, w);
            var skinRow = skin.AsSpan(y * w, w);
            for (int x = 0; x < riseRow.Length; x++)
            {
                if (HealingTileSampler.SkinLike(valid[x], l[x]) && (clipped is null || clipped[(y * w) + x] == 0))
                {
                    riseRow[x] = a[x] * HealingTileLayout.ChromaScale;
                    skinRow[x] = 1;
                }
            }
        });

        _sum = new double[(Width + 1) * (Height + 1)];
        _count = new long[(Width + 1) * (Height + 1)];
        IntegralImage.Compute(rise, Width, Height, _sum);
        IntegralImage.Compute(skin, Width, Height, _count);
    }

    /// <summary>Plane width.</summary>
    public int Width { get; }

    /// <summary>Plane height.</summary>
    public int Height { get; }

    /// <summary>Mean a* rise of the window whose top-left corner is (x, y), or NaN when it holds too little skin.</summary>
    public double Mean(int x, int y)
    {
        int x1 = Math.Min(Width, x + Window), y1 = Math.Min(Height, y + Window);
        x = Math.Max(0, x);
        y = Math.Max(0, y);
        if (x1 <= x || y1 <= y)
        {
            return double.NaN;
        }

        long n = IntegralImage.RectSum(_count, Width, x, y, x1, y1);
        return n < MinSkinShare * Window * Window ? double.NaN : IntegralImage.RectSum(_sum, Width, x, y, x1, y1) / n;
    }

    /// <summary>
    /// The edge-to-edge windows inside model tiles at <paramref name="tiles"/> (origins on the half-tile grid, so each
    /// tile holds exactly four windows), each once, with their mean rise; windows with too little skin are left out.
    /// </summary>
    public List<(int X, int Y, double Rise)> Windows(IEnumerable<(int X, int Y)> tiles)
    {
        var cells = new HashSet<(int X, int Y)>();
        foreach (var (x, y) in tiles)
        {
            for (int dy = 0; dy < HealingTileLayout.TileSize; dy += Window)
            {
                for (int dx = 0; dx < HealingTileLayout.TileSize; dx += Window)
                {
                    cells.Add((x + dx - ((x + dx) % Window), y + dy - ((y + dy) % Window)));
                }
            }
        }

        return cells.Select(c => (c.X, c.Y, Mean(c.X, c.Y))).Where(c => !double.IsNaN(c.Item3)).ToList();
    }

    /// <summary>
    /// The reddest window inside the tiles at <paramref name="tiles"/>, slid a quarter window at a time so a patch
    /// that straddles two edge-to-edge windows is still seen whole; NaN when none holds enough skin.
    /// </summary>
    public double Peak(IEnumerable<(int X, int Y)> tiles)
    {
        const int step = Window / 4;
        double peak = double.NaN;
        foreach (var (x, y) in tiles)
        {
            for (int dy = 0; dy + Window <= HealingTileLayout.TileSize; dy += step)
            {
                for (int dx = 0; dx + Window <= HealingTileLayout.TileSize; dx += step)
                {
                    double m = Mean(x + dx, y + dy);
                    if (!double.IsNaN(m) && !(m <= peak))
                    {
                        peak = m;
                    }
                }
            }
        }

        return peak;
    }
}
