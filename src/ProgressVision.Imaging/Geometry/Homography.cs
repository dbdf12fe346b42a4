namespace ProgressVision.Imaging.Geometry;

/// <summary>
/// A 3×3 projective transform acting on pixel coordinates (OpenCV convention: pixel centres at
/// integer coordinates), stored row-major. Maps (x, y) to ((h0 x + h1 y + h2)/w, (h3 x + h4 y + h5)/w)
/// with w = h6 x + h7 y + h8.
/// </summary>
public readonly record struct Homography(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    /// <summary>The identity transform.</summary>
    public static Homography Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>From 9 row-major numbers.</summary>
    public static Homography FromArray(ReadOnlySpan<double> m)
    {
        if (m.Length != 9)
        {
            throw new ArgumentException($"A homography needs 9 numbers, got {m.Length}.", nameof(m));
        }

        return new(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
    }

    /// <summary>Translation.</summary>
    public static Homography Translation(double tx, double ty) => new(1, 0, tx, 0, 1, ty, 0, 0, 1);

    /// <summary>Uniform scale about the origin.</summary>
    public static Homography Scale(double sx, double sy) => new(sx, 0, 0, 0, sy, 0, 0, 0, 1);

    /// <summary>Rotation by <paramref name="radians"/> about the origin (y axis points down).</summary>
    public static Homography Rotation(double radians)
    {
        double c = Math.Cos(radians), s = Math.Sin(radians);
        return new(c, -s, 0, s, c, 0, 0, 0, 1);
    }

    /// <summary>The 9 numbers, row-major.</summary>
    public double[] ToArray() => [M00, M01, M02, M10, M11, M12, M20, M21, M22];

    /// <summary>Applies the transform to a point. Returns NaN coordinates when the point maps to infinity.</summary>
    public (double X, double Y) Map(double x, double y)
    {
        double w = (M20 * x) + (M21 * y) + M22;
        if (Math.Abs(w) < 1e-12)
        {
            return (double.NaN, double.NaN);
        }

        return (((M00 * x) + (M01 * y) + M02) / w, ((M10 * x) + (M11 * y) + M12) / w);
    }

    /// <summary>Composition: first apply this, then <paramref name="next"/>.</summary>
    public Homography Then(Homography next) => next * this;

    /// <summary>Matrix product a·b (apply b first, then a).</summary>
    public static Homography operator *(Homography a, Homography b) => new(
        (a.M00 * b.M00) + (a.M01 * b.M10) + (a.M02 * b.M20), (a.M00 * b.M01) + (a.M01 * b.M11) + (a.M02 * b.M21), (a.M00 * b.M02) + (a.M01 * b.M12) + (a.M02 * b.M22),
        (a.M10 * b.M00) + (a.M11 * b.M10) + (a.M12 * b.M20), (a.M10 * b.M01) + (a.M11 * b.M11) + (a.M12 * b.M21), (a.M10 * b.M02) + (a.M11 * b.M12) + (a.M12 * b.M22),
        (a.M20 * b.M00) + (a.M21 * b.M10) + (a.M22 * b.M20), (a.M20 * b.M01) + (a.M21 * b.M11) + (a.M22 * b.M21), (a.M20 * b.M02) + (a.M21 * b.M12) + (a.M22 * b.M22));

    /// <summary>Multiplies, for symmetry with <c>operator *</c>.</summary>
    public static Homography Multiply(Homography a, Homography b) => a * b;

    /// <summary>Determinant of the 3×3 matrix.</summary>
    public double Determinant =>
        (M00 * ((M11 * M22) - (M12 * M21))) - (M01 * ((M10 * M22) - (M12 * M20))) + (M02 * ((M10 * M21) - (M11 * M20)));

    /// <summary>The inverse (adjugate / determinant), scaled so M22 = 1 when possible.</summary>
    /// <exception cref="InvalidOperationException">The matrix is singular.</exception>
    public Homography Inverse()
    {
        double det = Determinant;
        if (Math.Abs(det) < 1e-15)
        {
            throw new InvalidOperationException("Homography is singular and has no inverse.");
        }

        var inv = new Homography(
            ((M11 * M22) - (M12 * M21)) / det, ((M02 * M21) - (M01 * M22)) / det, ((M01 * M12) - (M02 * M11)) / det,
            ((M12 * M20) - (M10 * M22)) / det, ((M00 * M22) - (M02 * M20)) / det, ((M02 * M10) - (M00 * M12)) / det,
            ((M10 * M21) - (M11 * M20)) / det, ((M01 * M20) - (M00 * M21)) / det, ((M00 * M11) - (M01 * M10)) / det);
        return inv.Normalized();
    }

    /// <summary>Scaled so that M22 = 1 (unchanged if M22 is ~0).</summary>
    public Homography Normalized()
    {
        if (Math.Abs(M22) < 1e-15)
        {
            return this;
        }

        double s = 1.0 / M22;
        return new(M00 * s, M01 * s, M02 * s, M10 * s, M11 * s, M12 * s, M20 * s, M21 * s, 1.0);
    }
}
