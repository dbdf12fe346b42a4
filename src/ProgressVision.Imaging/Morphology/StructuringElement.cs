namespace ProgressVision.Imaging.Morphology;

/// <summary>Shapes of a structuring element.</summary>
public enum StructuringElementShape
{
    /// <summary>The (2r+1)×(2r+1) square.</summary>
    Square,

    /// <summary>
    /// A digital disc: row dy (|dy| ≤ r) spans dx ∈ [−w, w] with w = round(√(r² − dy²)), the same rows as
    /// OpenCV's <c>getStructuringElement(MORPH_ELLIPSE, (2r+1, 2r+1))</c>.
    /// </summary>
    Disc,

    /// <summary>A plus sign: the centre row and centre column of the square.</summary>
    Cross,
}

/// <summary>A symmetric structuring element of a given shape and radius (radius 0 is the single pixel).</summary>
public readonly record struct StructuringElement
{
    /// <summary>Creates an element.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative radius or unknown shape.</exception>
    public StructuringElement(StructuringElementShape shape, int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        if (!Enum.IsDefined(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), $"Unknown structuring element shape {shape}.");
        }

        Shape = shape;
        Radius = radius;
    }

    /// <summary>The shape.</summary>
    public StructuringElementShape Shape { get; }

    /// <summary>Half the side: the element fits in (2r+1)×(2r+1).</summary>
    public int Radius { get; }

    /// <summary>A (2r+1)² square.</summary>
    public static StructuringElement Square(int radius) => new(StructuringElementShape.Square, radius);

    /// <summary>A digital disc (see <see cref="StructuringElementShape.Disc"/>).</summary>
    public static StructuringElement Disc(int radius) => new(StructuringElementShape.Disc, radius);

    /// <summary>A plus sign of arm length <paramref name="radius"/>.</summary>
    public static StructuringElement Cross(int radius) => new(StructuringElementShape.Cross, radius);

    /// <summary>
    /// Half-width of the element's row at vertical offset <paramref name="dy"/> (−r..r): the row covers
    /// dx ∈ [−w, w]. Every supported shape is a union of such centred rows, which is what lets the
    /// morphology kernels work row by row.
    /// </summary>
    public int HalfWidth(int dy)
    {
        int r = Radius;
        if (dy < -r || dy > r)
        {
            throw new ArgumentOutOfRangeException(nameof(dy), $"Row offset {dy} is outside −{r}..{r}.");
        }

        return Shape switch
        {
            StructuringElementShape.Square => r,
            StructuringElementShape.Cross => dy == 0 ? r : 0,

            // OpenCV's ellipse rows: saturate_cast<int>(c·√((r² − dy²)/r²)) with c = r, i.e. round to nearest.
            _ => r == 0 ? 0 : (int)Math.Round(Math.Sqrt((double)((r * r) - (dy * dy)))),
        };
    }

    /// <summary>True when offset (dx, dy) belongs to the element.</summary>
    public bool Contains(int dx, int dy) => dy >= -Radius && dy <= Radius && Math.Abs(dx) <= HalfWidth(dy);
}
