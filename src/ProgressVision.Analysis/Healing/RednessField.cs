namespace ProgressVision.Analysis.Healing;

/// <summary>
/// The AFTER photo's skin redness (CIELAB a* above its skin reference) averaged over square windows of the model
/// planes, from summed-area tables so any window costs four lookups. Only skin-like pixels count (valid, L* no more
/// than 10 below the skin reference), so pigment dots, hair and the area outside the photos do not dilute it.
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
    private readonly int[] _count;
    private readonly int _stride;

    /// <summary>Builds the tables from the sampler's AFTER planes.</summary>
    public RednessField(HealingTileSampler s)
    {
        Width = s.Width;
        Height = s.Height;
        _stride = Width + 1;
        // Tables with a zero first row and column: entry (x, y) sums the pixels above and left of it.
        _sum = new double[_stride * (Height + 1)];
        _count = new int[_stride * (Height + 1)];
        float lLimit = -10f / HealingTileLayout.LScale;
        for (int y = 0; y < Height; y++)
        {
            double rowSum = 0;
            int rowCount = 0;
            for (int x = 0; x < Width; x++)
            {
                if (s.IsValid(x, y) && s.Plane(3, x, y) > lLimit)
                {
                    rowSum += s.Plane(4, x, y) * HealingTileLayout.ChromaScale;
                    rowCount++;
                }

                int i = ((y + 1) * _stride) + x + 1;
                _sum[i] = _sum[i - _stride] + rowSum;
                _count[i] = _count[i - _stride] + rowCount;
            }
        }
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

        int a = (y * _stride) + x, b = (y * _stride) + x1, c = (y1 * _stride) + x, d = (y1 * _stride) + x1;
        int n = _count[d] - _count[b] - _count[c] + _count[a];
        return n < MinSkinShare * Window * Window ? double.NaN : (_sum[d] - _sum[b] - _sum[c] + _sum[a]) / n;
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
