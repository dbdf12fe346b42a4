using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Registration;

/// <summary>The outcome of <see cref="RobustHomography.Estimate"/>.</summary>
/// <param name="Homography">After → Before transform.</param>
/// <param name="Inliers">Per pair, whether it agrees with the transform within the threshold.</param>
/// <param name="InlierCount">Number of inliers.</param>
/// <param name="RmsError">RMS transfer error of the inliers (pixels).</param>
public sealed record RobustHomographyResult(Homography Homography, bool[] Inliers, int InlierCount, double RmsError);

/// <summary>
/// RANSAC for homographies with MSAC scoring, local optimisation (Chum et al., "Locally optimized
/// RANSAC", 2003: re-fit on the inliers of each new best model and re-score) and a final
/// Levenberg–Marquardt refinement of the transfer error on the inliers.
/// </summary>
public static class RobustHomography
{
    /// <summary>Estimates the transform or returns null when no 4-point sample gives at least 4 inliers.</summary>
    /// <param name="pairs">Correspondences, possibly with many outliers.</param>
    /// <param name="threshold">Inlier threshold on the transfer error, pixels.</param>
    /// <param name="maxIterations">Iteration cap (the adaptive count usually stops far earlier).</param>
    /// <param name="seed">Sampling seed, for reproducible results.</param>
    /// <param name="similaritySamples">
    /// Hypothesise from 2-point similarities instead of 4-point homographies: far fewer samples are
    /// needed at low inlier ratios (w² instead of w⁴), and local optimisation on the inliers then
    /// recovers the perspective part.
    /// </param>
    public static RobustHomographyResult? Estimate(ReadOnlySpan<PointPair> pairs, double threshold, int maxIterations = 4000, int seed = 1, bool similaritySamples = false)
    {
        int n = pairs.Length;
        if (n < 4)
        {
            return null;
        }

        var all = pairs.ToArray();
        var rng = new Random(seed);
        double t2 = threshold * threshold;
        Homography? best = null;
        double bestCost = double.MaxValue;
        int bestCount = 0;
        int m = similaritySamples ? 2 : 4;
        var sample = new PointPair[m];
        var idx = new int[m];
        long needed = maxIterations;
        for (int it = 0; it < Math.Min(needed, maxIterations); it++)
        {
            for (int k = 0; k < m; k++)
            {
                int c;
                do
                {
                    c = rng.Next(n);
                }
                while (Array.IndexOf(idx, c, 0, k) >= 0);

                idx[k] = c;
                sample[k] = all[c];
            }

            Homography? h;
            if (similaritySamples)
            {
                h = Similarity(sample[0], sample[1]);
                if (h is null)
                {
                    continue;
                }

                // A similarity only agrees locally when there is tilt: score it with a looser
                // threshold, and let the homography re-fit below decide.
                var (_, n0) = Score(all, h.Value, 9 * t2);
                if (n0 < 8)
                {
                    continue;
                }

                var lifted = HomographyDlt.Estimate(Inliers(all, h.Value, 9 * t2));
                if (lifted is null)
                {
                    continue;
                }

                h = lifted;
            }
            else if (Collinear(sample))
            {
                continue;
            }
            else
            {
                h = HomographyDlt.Estimate(sample);
            }


            if (h is null)
            {
                continue;
            }

            var (cost, count) = Score(all, h.Value, t2);
            if (cost >= bestCost)
            {
                continue;
            }

            // Local optimisation: iteratively re-fit on the inliers while that lowers the cost.
            for (int lo = 0; lo < 4 && count >= 8; lo++)
            {
                var refit = HomographyDlt.Estimate(Inliers(all, h.Value, t2));
                if (refit is null)
                {
                    break;
                }

                var (c2, n2) = Score(all, refit.Value, t2);
                if (c2 >= cost)
                {
                    break;
                }

                (h, cost, count) = (refit, c2, n2);
            }

            best = h;
            bestCost = cost;
            bestCount = count;
            double w = (double)count / n;
            double pAllIn = Math.Pow(w, m);
            needed = pAllIn >= 1 ? 1 : (long)Math.Ceiling(Math.Log(1 - 0.999) / Math.Log(1 - Math.Max(pAllIn, 1e-12)));
        }

        if (best is null || bestCount < 4)
        {
            return null;
        }

        var refined = LevenbergMarquardt(Inliers(all, best.Value, t2), best.Value);
        var final = Score(all, refined, t2).Cost <= bestCost * 1.0001 ? refined : best.Value;
        var mask = new bool[n];
        int inliers = 0;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double e = TransferError2(final, all[i]);
            if (e < t2)
            {
                mask[i] = true;
                inliers++;
                sum += e;
            }
        }

        return new RobustHomographyResult(final, mask, inliers, inliers == 0 ? 0 : Math.Sqrt(sum / inliers));
    }

    /// <summary>Squared distance between H(after) and before.</summary>
    public static double TransferError2(Homography h, PointPair p)
    {
        var (x, y) = h.Map(p.AfterX, p.AfterY);
        if (double.IsNaN(x))
        {
            return double.MaxValue;
        }

        double dx = x - p.BeforeX, dy = y - p.BeforeY;
        return (dx * dx) + (dy * dy);
    }

    /// <summary>
    /// Minimises the summed squared transfer error over the 8 free entries (M22 = 1), in
    /// Hartley-normalised coordinates so the damping is scale-free.
    /// </summary>
    public static Homography LevenbergMarquardt(PointPair[] pairs, Homography start, int iterations = 20)
    {
        if (pairs.Length < 5)
        {
            return start;
        }

        var (ta, _) = HomographyDlt.Normalizer(pairs, after: true);
        var (tb, _) = HomographyDlt.Normalizer(pairs, after: false);
        if (ta is null || tb is null)
        {
            return start;
        }

        var pts = new PointPair[pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            var (x, y) = ta.Value.Map(pairs[i].AfterX, pairs[i].AfterY);
            var (u, v) = tb.Value.Map(pairs[i].BeforeX, pairs[i].BeforeY);
            pts[i] = new PointPair(x, y, u, v);
        }

        var h = (tb.Value * start * ta.Value.Inverse()).Normalized().ToArray();
        double lambda = 1e-3, cost = Cost(pts, h);
        var jtj = new double[64];
        var jte = new double[8];
        var delta = new double[8];
        var a = new double[64];
        var b = new double[8];
        Span<double> jx = stackalloc double[8];
        Span<double> jy = stackalloc double[8];
        for (int it = 0; it < iterations; it++)
        {
            Array.Clear(jtj);
            Array.Clear(jte);
            foreach (var p in pts)
            {
                double w = (h[6] * p.AfterX) + (h[7] * p.AfterY) + 1;
                double px = ((h[0] * p.AfterX) + (h[1] * p.AfterY) + h[2]) / w;
                double py = ((h[3] * p.AfterX) + (h[4] * p.AfterY) + h[5]) / w;
                double ex = px - p.BeforeX, ey = py - p.BeforeY;

                // ∂(x'/w)/∂h for x' = h0 x + h1 y + h2 and w = h6 x + h7 y + 1.
                jx[0] = p.AfterX / w; jx[1] = p.AfterY / w; jx[2] = 1 / w; jx[3] = 0; jx[4] = 0; jx[5] = 0;
                jx[6] = -px * p.AfterX / w; jx[7] = -px * p.AfterY / w;
                jy[0] = 0; jy[1] = 0; jy[2] = 0; jy[3] = p.AfterX / w; jy[4] = p.AfterY / w; jy[5] = 1 / w;
                jy[6] = -py * p.AfterX / w; jy[7] = -py * p.AfterY / w;
                for (int i = 0; i < 8; i++)
                {
                    jte[i] += (jx[i] * ex) + (jy[i] * ey);
                    for (int j = 0; j < 8; j++)
                    {
                        jtj[(i * 8) + j] += (jx[i] * jx[j]) + (jy[i] * jy[j]);
                    }
                }
            }

            bool improved = false;
            for (int attempt = 0; attempt < 6 && !improved; attempt++)
            {
                Array.Copy(jtj, a, 64);
                for (int i = 0; i < 8; i++)
                {
                    a[(i * 8) + i] *= 1 + lambda;
                    b[i] = -jte[i];
                }

                if (!SmallLinearAlgebra.Solve(a, b, 8, delta))
                {
                    lambda *= 10;
                    continue;
                }

                var trial = (double[])h.Clone();
                for (int i = 0; i < 8; i++)
                {
                    trial[i] += delta[i];
                }

                double c = Cost(pts, trial);
                if (c < cost)
                {
                    improved = true;
                    double gain = cost - c;
                    h = trial;
                    cost = c;
                    lambda = Math.Max(lambda / 10, 1e-9);
                    if (gain < 1e-12 * Math.Max(cost, 1e-300))
                    {
                        it = iterations;
                    }
                }
                else
                {
                    lambda *= 10;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return (tb.Value.Inverse() * Homography.FromArray(h) * ta.Value).Normalized();
    }

    private static double Cost(PointPair[] pts, double[] h)
    {
        double s = 0;
        foreach (var p in pts)
        {
            double w = (h[6] * p.AfterX) + (h[7] * p.AfterY) + 1;
            double ex = (((h[0] * p.AfterX) + (h[1] * p.AfterY) + h[2]) / w) - p.BeforeX;
            double ey = (((h[3] * p.AfterX) + (h[4] * p.AfterY) + h[5]) / w) - p.BeforeY;
            s += (ex * ex) + (ey * ey);
        }

        return s;
    }

    // MSAC: inliers cost their squared error, outliers the threshold, so a tighter fit beats a
    // looser one with the same inlier count.
    private static (double Cost, int Count) Score(PointPair[] all, Homography h, double t2)
    {
        double cost = 0;
        int count = 0;
        foreach (var p in all)
        {
            double e = TransferError2(h, p);
            if (e < t2)
            {
                cost += e;
                count++;
            }
            else
            {
                cost += t2;
            }
        }

        return (cost, count);
    }

    private static PointPair[] Inliers(PointPair[] all, Homography h, double t2) =>
        [.. all.Where(p => TransferError2(h, p) < t2)];

    // The similarity taking a1→b1 and a2→b2 (complex-number form: b = z·a + t); null when either pair's points coincide.
    private static Homography? Similarity(PointPair p, PointPair q)
    {
        double ax = q.AfterX - p.AfterX, ay = q.AfterY - p.AfterY, bx = q.BeforeX - p.BeforeX, by = q.BeforeY - p.BeforeY;
        double a2 = (ax * ax) + (ay * ay);
        if (a2 < 25 || (bx * bx) + (by * by) < 25)
        {
            return null;
        }

        double zr = ((bx * ax) + (by * ay)) / a2, zi = ((by * ax) - (bx * ay)) / a2;
        double tx = p.BeforeX - ((zr * p.AfterX) - (zi * p.AfterY)), ty = p.BeforeY - ((zi * p.AfterX) + (zr * p.AfterY));
        return new Homography(zr, -zi, tx, zi, zr, ty, 0, 0, 1);
    }

    private static bool Collinear(PointPair[] s)
    {
        for (int i = 0; i < 4; i++)
        {
            int a = (i + 1) % 4, b = (i + 2) % 4, c = (i + 3) % 4;
            if (Math.Abs(Cross(s[a].AfterX, s[a].AfterY, s[b].AfterX, s[b].AfterY, s[c].AfterX, s[c].AfterY)) < 1.0 ||
                Math.Abs(Cross(s[a].BeforeX, s[a].BeforeY, s[b].BeforeX, s[b].BeforeY, s[c].BeforeX, s[c].BeforeY)) < 1.0)
            {
                return true;
            }
        }

        return false;
    }

    private static double Cross(double ax, double ay, double bx, double by, double cx, double cy) =>
        ((bx - ax) * (cy - ay)) - ((by - ay) * (cx - ax));
}
