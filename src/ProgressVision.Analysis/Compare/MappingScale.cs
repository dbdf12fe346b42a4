namespace ProgressVision.Analysis.Compare;

/// <summary>Local linear scale of a point mapping between two photos.</summary>
public static class MappingScale
{
    /// <summary>
    /// How many target pixels one source pixel spans near (<paramref name="x"/>, <paramref name="y"/>): the square
    /// root of the mapping's areal scale (|det J|), so a length measured in source pixels times this is in target
    /// pixels. Under perspective it varies across the photo, hence measured where it is used.
    /// </summary>
    /// <param name="map">Source pixels → target pixels.</param>
    /// <param name="x">Source x.</param>
    /// <param name="y">Source y.</param>
    public static double At(Func<double, double, (double X, double Y)> map, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(map);
        // Central differences over one pixel: the Jacobian's columns are the images of unit steps in x and y.
        var (lx, ly) = map(x - 0.5, y);
        var (rx, ry) = map(x + 0.5, y);
        var (tx, ty) = map(x, y - 0.5);
        var (bx, by) = map(x, y + 0.5);
        double det = ((rx - lx) * (by - ty)) - ((ry - ly) * (bx - tx));
        return Math.Sqrt(Math.Abs(det));
    }
}
