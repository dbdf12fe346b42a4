namespace ProgressVision.Analysis.Dots;

/// <summary>
/// A smooth field over the photo of how a dot statistic measured in each neighbourhood compares with the
/// same statistic over the whole photo, as a clamped ratio: where veiling light (oily sheen, flare) adds to
/// the skin, every dot there loses contrast and colour by the same factor, which the dots around it show.
/// </summary>
/// <remarks>
/// The photo is cut into square cells of a fifth of its shorter side; a cell with at least
/// <c>minSamples</c> samples gets statistic(cell) / global, clamped to [lo, hi]; other cells get 1 (no
/// evidence, no change). Values between cell centres are bilinear, so the field follows a broad sheen
/// without steps at cell borders.
/// </remarks>
internal sealed class LocalInkField
{
    private readonly double[] _ratio;
    private readonly int _nx, _ny;
    private readonly double _cellW, _cellH;

    private LocalInkField(double[] ratio, int nx, int ny, double cellW, double cellH)
    {
        _ratio = ratio;
        _nx = nx;
        _ny = ny;
        _cellW = cellW;
        _cellH = cellH;
    }

    /// <summary>Lowest ratio anywhere in the field.</summary>
    public double Min => _ratio.Min();

    /// <summary>
    /// Builds the field from samples (position, value); <paramref name="statistic"/> reduces a cell's values
    /// (sorted ascending) and the photo's (for the global figure).
    /// </summary>
    public static LocalInkField Build(int width, int height, IReadOnlyList<(double X, double Y, double V)> samples, Func<double[], double> statistic,
        int minSamples, double lo, double hi)
    {
        double cell = Math.Max(32, Math.Min(width, height) / 5.0);
        int nx = Math.Max(1, (int)Math.Round(width / cell)), ny = Math.Max(1, (int)Math.Round(height / cell));
        double cw = (double)width / nx, ch = (double)height / ny;
        var ratio = new double[nx * ny];
        Array.Fill(ratio, 1.0);
        if (samples.Count < minSamples)
        {
            return new LocalInkField(ratio, nx, ny, cw, ch);
        }

        double global = statistic([.. samples.Select(s => s.V).Order()]);
        if (!(global > 0))
        {
            return new LocalInkField(ratio, nx, ny, cw, ch);
        }

        var perCell = new List<double>[nx * ny];
        foreach (var (x, y, v) in samples)
        {
            int cx = Math.Clamp((int)(x / cw), 0, nx - 1), cy = Math.Clamp((int)(y / ch), 0, ny - 1);
            (perCell[(cy * nx) + cx] ??= []).Add(v);
        }

        for (int i = 0; i < perCell.Length; i++)
        {
            if (perCell[i] is { } list && list.Count >= minSamples)
            {
                list.Sort();
                ratio[i] = Math.Clamp(statistic([.. list]) / global, lo, hi);
            }
        }

        return new LocalInkField(ratio, nx, ny, cw, ch);
    }

    /// <summary>The ratio at photo position (x, y): bilinear between cell centres, constant beyond the outer ones.</summary>
    public double At(double x, double y) => CellGrid.Bilinear<double>(_ratio, _nx, _ny, (x / _cellW) - 0.5, (y / _cellH) - 0.5);
}
