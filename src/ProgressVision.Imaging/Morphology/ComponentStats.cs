namespace ProgressVision.Imaging.Morphology;

/// <summary>
/// Statistics of one connected component (the same quantities as OpenCV's
/// <c>connectedComponentsWithStats</c>, plus an optional sum of a value plane over the component).
/// </summary>
/// <param name="Label">The component's label in the label image (1..count).</param>
/// <param name="Area">Pixel count.</param>
/// <param name="Left">Leftmost column.</param>
/// <param name="Top">Topmost row.</param>
/// <param name="Width">Bounding-box width in pixels.</param>
/// <param name="Height">Bounding-box height in pixels.</param>
/// <param name="CentroidX">Mean column of the component's pixels (pixel centres at integers).</param>
/// <param name="CentroidY">Mean row.</param>
/// <param name="ValueSum">Sum of the value plane over the component (0 when no plane was given).</param>
public readonly record struct ComponentStats(
    int Label, int Area, int Left, int Top, int Width, int Height, double CentroidX, double CentroidY, double ValueSum)
{
    /// <summary>Mean of the value plane over the component (0 when no plane was given).</summary>
    public double ValueMean => Area == 0 ? 0 : ValueSum / Area;
}
