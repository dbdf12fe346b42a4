using System.Numerics;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// Bilinear lookup in a coarse grid of per-cell values (row-major, <c>cols</c> × <c>rows</c>): linear between cell
/// centres, constant beyond the outer ones. The skin light of <see cref="IlluminationModel"/> and the ink ratios of
/// <see cref="LocalInkField"/> are both such grids; each maps photo pixels to its own grid coordinates.
/// </summary>
internal static class CellGrid
{
    /// <summary>The value at grid coordinates (<paramref name="gx"/>, <paramref name="gy"/>), cell (c, r) being centred on (c, r).</summary>
    public static double Bilinear<T>(ReadOnlySpan<T> grid, int cols, int rows, double gx, double gy)
        where T : INumberBase<T>
    {
        gx = Math.Clamp(gx, 0, cols - 1);
        gy = Math.Clamp(gy, 0, rows - 1);
        // The lower corner stops one short of the last centre so the upper one exists; a single row or column
        // has no neighbour and both corners are that cell.
        int x0 = Math.Min((int)gx, Math.Max(0, cols - 2)), y0 = Math.Min((int)gy, Math.Max(0, rows - 2));
        int x1 = Math.Min(x0 + 1, cols - 1), y1 = Math.Min(y0 + 1, rows - 1);
        double fx = gx - x0, fy = gy - y0;
        double top = (V(grid[(y0 * cols) + x0]) * (1 - fx)) + (V(grid[(y0 * cols) + x1]) * fx);
        double bottom = (V(grid[(y1 * cols) + x0]) * (1 - fx)) + (V(grid[(y1 * cols) + x1]) * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    // Every float is exact as a double, so a float grid gives what mixed float·double arithmetic gave.
    private static double V<T>(T value)
        where T : INumberBase<T> => double.CreateTruncating(value);
}
