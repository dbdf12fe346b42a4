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
    public static double At(Func<double, double, (double X, double Y)> map, double x, double y) =>
        Math.Sqrt(Areal(map, x, y, 0.5));

    /// <summary>
    /// The mapping's areal scale |det J| at (<paramref name="x"/>, <paramref name="y"/>): target px² per source px².
    /// </summary>
    /// <param name="map">Source pixels → target pixels.</param>
    /// <param name="x">Source x.</param>
    /// <param name="y">Source y.</param>
    /// <param name="halfStep">Half the central-difference step, source pixels (a wider step averages a non-rigid mapping's small ripples).</param>
    public static double Areal(Func<double, double, (double X, double Y)> map, double x, double y, double halfStep)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfStep);
        // Central differences: the Jacobian's columns are the images of steps in x and in y, divided by the step.
        var (lx, ly) = map(x - halfStep, y);
        var (rx, ry) = map(x + halfStep, y);
        var (tx, ty) = map(x, y - halfStep);
        var (bx, by) = map(x, y + halfStep);
        double s = 2 * halfStep;
        return Math.Abs((((rx - lx) / s) * ((by - ty) / s)) - (((ry - ly) / s) * ((bx - tx) / s)));
    }
}
