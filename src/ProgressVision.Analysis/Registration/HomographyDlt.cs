using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Direct linear transform with Hartley normalisation (Hartley &amp; Zisserman, Multiple View
/// Geometry, Algorithm 4.2): translate each point set to its centroid and scale it to mean distance
/// √2, solve the smallest eigenvector of AᵀA (9×9, Jacobi), then undo the normalisation.
/// </summary>
public static class HomographyDlt
{
    /// <summary>The homography mapping After → Before points in least squares, or null when degenerate (fewer than 4 or collinear points).</summary>
    public static Homography? Estimate(ReadOnlySpan<PointPair> pairs)
    {
        if (pairs.Length < 4)
        {
            return null;
        }

        var (ta, _) = Normalizer(pairs, after: true);
        var (tb, _) = Normalizer(pairs, after: false);
        if (ta is null || tb is null)
        {
            return null;
        }

        var ata = new double[81];
        Span<double> r1 = stackalloc double[9];
        Span<double> r2 = stackalloc double[9];
        foreach (var p in pairs)
        {
            var (x, y) = ta.Value.Map(p.AfterX, p.AfterY);
            var (u, v) = tb.Value.Map(p.BeforeX, p.BeforeY);

            // Rows of A from u·(h6 x + h7 y + h8) = h0 x + h1 y + h2 and the same for v.
            r1[0] = -x; r1[1] = -y; r1[2] = -1; r1[3] = 0; r1[4] = 0; r1[5] = 0; r1[6] = u * x; r1[7] = u * y; r1[8] = u;
            r2[0] = 0; r2[1] = 0; r2[2] = 0; r2[3] = -x; r2[4] = -y; r2[5] = -1; r2[6] = v * x; r2[7] = v * y; r2[8] = v;
            for (int i = 0; i < 9; i++)
            {
                for (int j = i; j < 9; j++)
                {
                    ata[(i * 9) + j] += (r1[i] * r1[j]) + (r2[i] * r2[j]);
                }
            }
        }

        for (int i = 0; i < 9; i++)
        {
            for (int j = 0; j < i; j++)
            {
                ata[(i * 9) + j] = ata[(j * 9) + i];
            }
        }

        var vectors = new double[81];
        var values = SmallLinearAlgebra.SymmetricEigen(ata, 9, vectors);
        int k = 0;
        for (int i = 1; i < 9; i++)
        {
            if (values[i] < values[k])
            {
                k = i;
            }
        }

        // A 4-point sample whose null space is not one-dimensional is degenerate.
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        if (pairs.Length == 4 && sorted[1] < 1e-10 * sorted[8])
        {
            return null;
        }

        var h = new double[9];
        for (int i = 0; i < 9; i++)
        {
            h[i] = vectors[(i * 9) + k];
        }

        var hn = Homography.FromArray(h);
        var full = tb.Value.Inverse() * hn * ta.Value;
        if (Math.Abs(full.M22) < 1e-12 || Math.Abs(full.Determinant) < 1e-15 * Math.Pow(Math.Abs(full.M22), 3))
        {
            return null;
        }

        return full.Normalized();
    }

    // Similarity taking the centroid to 0 and the mean distance to √2; null when all points coincide.
    internal static (Homography? T, double Scale) Normalizer(ReadOnlySpan<PointPair> pairs, bool after)
    {
        double cx = 0, cy = 0;
        foreach (var p in pairs)
        {
            cx += after ? p.AfterX : p.BeforeX;
            cy += after ? p.AfterY : p.BeforeY;
        }

        cx /= pairs.Length;
        cy /= pairs.Length;
        double d = 0;
        foreach (var p in pairs)
        {
            double x = (after ? p.AfterX : p.BeforeX) - cx, y = (after ? p.AfterY : p.BeforeY) - cy;
            d += Math.Sqrt((x * x) + (y * y));
        }

        d /= pairs.Length;
        if (d < 1e-9)
        {
            return (null, 0);
        }

        double s = Math.Sqrt(2) / d;
        return (new Homography(s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1), s);
    }
}
