using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Synth.Truth;

/// <summary>
/// Least-squares homography from point correspondences, minimising geometric (reprojection) error by
/// Gauss–Newton on the 8 free entries (h₂₂ = 1) in Hartley-normalised coordinates, starting from a
/// given estimate. Used only for the reference "best homography" in the truth.
/// </summary>
public static class HomographyFit
{
    /// <summary>Refines <paramref name="initial"/> so that H(src[i]) ≈ dst[i] in the least-squares sense.</summary>
    public static Homography Refine(IReadOnlyList<(double X, double Y)> src, IReadOnlyList<(double X, double Y)> dst, Homography initial, int iterations = 12)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        if (src.Count != dst.Count || src.Count < 4)
        {
            throw new ArgumentException($"Need ≥ 4 matching points, got {src.Count} and {dst.Count}.", nameof(src));
        }

        var ts = Normaliser(src);
        var td = Normaliser(dst);
        var hn = (td * initial * ts.Inverse()).Normalized();
        var h = hn.ToArray();
        var s = src.Select(p => ts.Map(p.X, p.Y)).ToArray();
        var d = dst.Select(p => td.Map(p.X, p.Y)).ToArray();
        var ata = new double[8, 8];
        var atb = new double[8];
        Span<double> j = stackalloc double[8];
        for (int it = 0; it < iterations; it++)
        {
            Array.Clear(ata);
            Array.Clear(atb);
            for (int i = 0; i < s.Length; i++)
            {
                var (x, y) = s[i];
                double w = (h[6] * x) + (h[7] * y) + 1;
                double u = ((h[0] * x) + (h[1] * y) + h[2]) / w, v = ((h[3] * x) + (h[4] * y) + h[5]) / w;
                double ru = d[i].X - u, rv = d[i].Y - v;

                // ∂u/∂h and ∂v/∂h: the rows of the Jacobian of the projective map.
                j.Clear();
                j[0] = x / w; j[1] = y / w; j[2] = 1 / w; j[6] = -u * x / w; j[7] = -u * y / w;
                Accumulate(ata, atb, j, ru);
                j.Clear();
                j[3] = x / w; j[4] = y / w; j[5] = 1 / w; j[6] = -v * x / w; j[7] = -v * y / w;
                Accumulate(ata, atb, j, rv);
            }

            var delta = Solve(ata, atb);
            double step = 0;
            for (int k = 0; k < 8; k++)
            {
                h[k] += delta[k];
                step += Math.Abs(delta[k]);
            }

            if (step < 1e-13)
            {
                break;
            }
        }

        var refined = Homography.FromArray(h);
        return (td.Inverse() * refined * ts).Normalized();
    }

    private static void Accumulate(double[,] ata, double[] atb, ReadOnlySpan<double> j, double r)
    {
        for (int a = 0; a < 8; a++)
        {
            if (j[a] == 0)
            {
                continue;
            }

            atb[a] += j[a] * r;
            for (int b = 0; b < 8; b++)
            {
                ata[a, b] += j[a] * j[b];
            }
        }
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[p, c]))
                {
                    p = r;
                }
            }

            if (Math.Abs(m[p, c]) < 1e-300)
            {
                throw new InvalidOperationException("Degenerate point set: the homography fit is singular.");
            }

            for (int k = 0; k < n; k++)
            {
                (m[c, k], m[p, k]) = (m[p, k], m[c, k]);
            }

            (x[c], x[p]) = (x[p], x[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = m[r, c] / m[c, c];
                for (int k = c; k < n; k++)
                {
                    m[r, k] -= f * m[c, k];
                }

                x[r] -= f * x[c];
            }
        }

        for (int r = n - 1; r >= 0; r--)
        {
            double acc = x[r];
            for (int k = r + 1; k < n; k++)
            {
                acc -= m[r, k] * x[k];
            }

            x[r] = acc / m[r, r];
        }

        return x;
    }

    // Hartley normalisation: centroid to the origin, mean distance √2.
    private static Homography Normaliser(IReadOnlyList<(double X, double Y)> pts)
    {
        double mx = pts.Average(p => p.X), my = pts.Average(p => p.Y);
        double md = pts.Average(p => Math.Sqrt(((p.X - mx) * (p.X - mx)) + ((p.Y - my) * (p.Y - my))));
        double s = md > 0 ? Math.Sqrt(2) / md : 1;
        return new Homography(s, 0, -s * mx, 0, s, -s * my, 0, 0, 1);
    }
}
