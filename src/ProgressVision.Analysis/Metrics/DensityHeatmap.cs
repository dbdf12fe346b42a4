using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Metrics;

/// <summary>
/// Dot density on a grid of square cells: counted dots ÷ the cell's V-area, per 1000 px². Cells
/// with less than <see cref="MinFill"/> of their area in V hold NaN (no basis for a density).
/// </summary>
public sealed class DensityHeatmap
{
    /// <summary>Share of a cell that must be V for a value.</summary>
    public const double MinFill = 0.25;

    private DensityHeatmap(int cols, int rows, double cellPx, double[] values)
    {
        Cols = cols;
        Rows = rows;
        CellPx = cellPx;
        Values = values;
    }

    /// <summary>Cells per row.</summary>
    public int Cols { get; }

    /// <summary>Rows of cells.</summary>
    public int Rows { get; }

    /// <summary>Cell side, px; cell (c, r) covers x ∈ [c·s, (c+1)·s), y ∈ [r·s, (r+1)·s).</summary>
    public double CellPx { get; }

    /// <summary>Row-major densities, dots per 1000 px² (NaN where undefined).</summary>
    public double[] Values { get; }

    /// <summary>Density of cell (col, row).</summary>
    public double this[int col, int row] => Values[(row * Cols) + col];

    /// <summary>Builds the heatmap of the dots counted in V.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A cell smaller than 2 px.</exception>
    public static DensityHeatmap Build(IReadOnlyList<PigmentDot> dots, MeasuredArea area, double cellPx)
    {
        ArgumentNullException.ThrowIfNull(dots);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellPx, 2.0);
        var fill = area.CellFill(cellPx, out int cols, out int rows);
        var count = new int[cols * rows];

        foreach (var d in dots)
        {
            if (area.Counts(d))
            {
                int x = (int)Math.Round(d.X, MidpointRounding.AwayFromZero), y = (int)Math.Round(d.Y, MidpointRounding.AwayFromZero);
                count[((int)(y / cellPx) * cols) + (int)(x / cellPx)]++;
            }
        }

        var values = new double[cols * rows];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = fill[i] >= MinFill * cellPx * cellPx ? count[i] * 1000.0 / fill[i] : double.NaN;
        }

        return new DensityHeatmap(cols, rows, cellPx, values);
    }
}
