using System.Buffers;
using System.Collections.Concurrent;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// A scale-space extremum before measurement: full-resolution position, DoG scale σ and response, the
/// octave and DoG level it was found on (which fix its noise gain), and its Hessian's tr²/det (Lowe's edge
/// score: 4 for a round blob, growing with the principal-curvature ratio r as (r+1)²/r).
/// </summary>
internal readonly record struct BlobCandidate(double X, double Y, double Sigma, double Response, int Octave = 0, int Level = 0, double EdgeScore = 4);

/// <summary>
/// Difference-of-Gaussians blob detector over octaves (Lowe 2004, §3–4): three scales per octave,
/// six Gaussian levels, five DoG levels; extrema over the 26-neighbourhood; 3-D quadratic
/// sub-pixel/sub-scale refinement; SIFT's principal-curvature test rejects elongated structures.
/// Each octave is processed in horizontal bands with a halo so the working set stays small and the
/// bands run in parallel.
/// </summary>
internal static class ScaleSpaceBlobs
{
    private const int ScalesPerOctave = 3;
    private const int Levels = ScalesPerOctave + 3;
    // Rows per band. Each band also blurs a halo of ~25 rows above and below (the summed kernel
    // radii), so short bands spend most of their time on halo; 128 rows keep that near a third.
    private const int BandRows = 128;

    // k = 2^(1/3): ratio of successive Gaussian levels inside an octave.
    private static readonly double K = Math.Pow(2, 1.0 / ScalesPerOctave);

    /// <summary>
    /// Finds bright-blob extrema of <paramref name="plane"/> (darkness: dots are positive).
    /// <paramref name="threshold"/> maps (octave, level) to the smallest DoG response accepted.
    /// </summary>
    public static List<BlobCandidate> Detect(float[] plane, int width, int height, int octaves, double maxCurvatureRatio, Func<int, int, double> threshold, int firstOctave = 0)
    {
        var found = new ConcurrentBag<BlobCandidate>();
        float[] cur = plane;
        int w = width, h = height;
        double baseSigma = 0.5; // assumed blur of the camera image itself
        for (int o = 0; o < octaves && w >= 16 && h >= 16; o++)
        {
            bool more = o + 1 < octaves && w >= 32 && h >= 32;
            int nw = (w + 1) / 2, nh = (h + 1) / 2;
            float[]? next = more ? PlanePool<float>.Rent(nw * nh) : null;
            if (o < firstOctave && next is not null)
            {
                // Below the first searched octave only the σ = 2 level is needed, to decimate.
                SeparableGaussian.BlurHalf(cur, w, h, Math.Sqrt(4 - (baseSigma * baseSigma)), next);
            }
            else
            {
                ProcessOctave(cur, w, h, o, baseSigma, next, nw, maxCurvatureRatio, threshold, found);
            }

            // Octave planes made here go back to the pool once the next octave is made from them.
            if (!ReferenceEquals(cur, plane))
            {
                PlanePool<float>.Return(cur);
            }

            if (next is null)
            {
                cur = plane;
                break;
            }

            cur = next;
            w = nw;
            h = nh;
            baseSigma = 1.0; // level 3 (σ = 2) decimated by 2
        }

        if (!ReferenceEquals(cur, plane))
        {
            PlanePool<float>.Return(cur);
        }

        return [.. found];
    }

    private static void ProcessOctave(float[] src, int w, int h, int octave, double baseSigma, float[]? next, int nw, double edgeR,
        Func<int, int, double> threshold, ConcurrentBag<BlobCandidate> found)
    {
        // Incremental blurs: level j has σ_j = k^j; blurring σ_a to σ_b needs √(σ_b² − σ_a²).
        var kernels = new float[Levels][];
        int halo = 2;
        for (int j = 0; j < Levels; j++)
        {
            double sj = Math.Pow(K, j), prev = j == 0 ? baseSigma : Math.Pow(K, j - 1);
            double inc = Math.Sqrt(Math.Max((sj * sj) - (prev * prev), 0.01));
            kernels[j] = SeparableGaussian.Kernel(inc);
            halo += kernels[j].Length / 2;
        }

        var thr = new double[Levels - 1];
        for (int j = 0; j < thr.Length; j++)
        {
            thr[j] = threshold(octave, j);
        }

        double edgeLimit = (edgeR + 1) * (edgeR + 1) / edgeR;
        double scale = 1 << octave;
        int bands = (h + BandRows - 1) / BandRows;
        Parallel.For(0, bands, b =>
        {
            int y0 = b * BandRows, y1 = Math.Min(h, y0 + BandRows);
            int ea = Math.Max(0, y0 - halo), eb = Math.Min(h, y1 + halo), rows = eb - ea, n = rows * w;

            var g = new float[Levels][];
            for (int j = 0; j < Levels; j++)
            {
                g[j] = PlanePool<float>.Rent(n);
            }

            var tmp = PlanePool<float>.Rent(n);
            var pad = PlanePool<float>.Rent(w + 64);
            try
            {
                var source = src.AsSpan(ea * w, n);
                for (int j = 0; j < Levels; j++)
                {
                    SeparableGaussian.Blur(j == 0 ? source : g[j - 1].AsSpan(0, n), g[j], tmp, pad, w, rows, kernels[j]);
                }

                if (next is not null)
                {
                    // Level 3 has σ = 2 in this octave: every other pixel of it is the next octave's σ = 1 base.
                    for (int y = y0 + (y0 & 1); y < y1; y += 2)
                    {
                        var gr = g[3].AsSpan((y - ea) * w, w);
                        var nr = next.AsSpan((y / 2) * nw, nw);
                        for (int x = 0; x < nw; x++)
                        {
                            nr[x] = gr[2 * x];
                        }
                    }
                }

                // DoG in place: g[j] ← g[j] − g[j+1] (g[j+1] is still the Gaussian when level j is formed);
                // this sign makes dark dots (positive darkness) maxima: −(k−1)σ²∇²G peaks on a blob.
                for (int j = 0; j < Levels - 1; j++)
                {
                    var a = g[j].AsSpan(0, n);
                    var c = g[j + 1].AsSpan(0, n);
                    System.Numerics.Tensors.TensorPrimitives.Subtract(a, c, a);
                }

                FindExtrema(g, w, h, ea, y0, y1, octave, scale, thr, edgeLimit, found);
            }
            finally
            {
                for (int j = 0; j < Levels; j++)
                {
                    PlanePool<float>.Return(g[j]);
                }

                PlanePool<float>.Return(tmp);
                PlanePool<float>.Return(pad);
            }
        });
    }

    private static void FindExtrema(float[][] dog, int w, int h, int ea, int y0, int y1, int octave, double scale, double[] thr, double edgeLimit,
        ConcurrentBag<BlobCandidate> found)
    {
        // Level 0 of octave 0 is the finest scale; allow maxima there (tiny dots) against level 1 only.
        // The top DoG level is searched too, against the level below only: a dot whose scale falls on
        // the octave boundary (σ ≈ 2.5·2^o, r ≈ 3.6·2^o px) can peak there and, after decimation, on
        // level 0 of the next octave, where it is never searched; duplicates go in suppression.
        int jMin = octave == 0 ? 0 : 1;
        var positions = ArrayPool<int>.Shared.Rent(w);
        try
        {
            for (int y = Math.Max(y0, 1); y < Math.Min(y1, h - 1); y++)
            {
                int r = y - ea;
                for (int j = jMin; j <= ScalesPerOctave + 1; j++)
                {
                    var d = dog[j];
                    int row = r * w;

                    // Threshold and the row neighbours first (vectorised); the 26-neighbour test only
                    // for the few positions that pass.
                    int n = BlobRowCandidates.Find(d.AsSpan(row, w), (float)thr[j], positions);
                    for (int k = 0; k < n; k++)
                    {
                        int x = positions[k];
                        if (IsMax(dog, j, row + x, w, d[row + x]))
                        {
                            Refine(dog, j, row + x, w, x, y, octave, scale, edgeLimit, found);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(positions);
        }
    }

    private static bool IsMax(float[][] dog, int j, int i, int w, float v)
    {
        var d = dog[j];

        // Ties: strictly greater than neighbours earlier in raster order, ≥ later ones, so a flat
        // top yields exactly one maximum.
        if (!(v > d[i - w - 1] && v > d[i - w] && v > d[i - w + 1] && v > d[i - 1] && v >= d[i + 1] && v >= d[i + w - 1] && v >= d[i + w] && v >= d[i + w + 1]))
        {
            return false;
        }

        for (int s = j - 1; s <= j + 1; s += 2)
        {
            if (s < 0 || s > ScalesPerOctave + 1)
            {
                continue;
            }

            var e = dog[s];
            for (int dy = -w; dy <= w; dy += w)
            {
                if (v < e[i + dy - 1] || v < e[i + dy] || v < e[i + dy + 1])
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void Refine(float[][] dog, int j, int i, int w, int x, int y, int octave, double scale, double edgeLimit,
        ConcurrentBag<BlobCandidate> found)
    {
        var d = dog[j];
        double v = d[i];
        double dx = 0.5 * (d[i + 1] - d[i - 1]), dy = 0.5 * (d[i + w] - d[i - w]);
        double dxx = d[i + 1] + d[i - 1] - (2 * v), dyy = d[i + w] + d[i - w] - (2 * v);
        double dxy = 0.25 * (d[i + w + 1] - d[i + w - 1] - d[i - w + 1] + d[i - w - 1]);

        // Principal-curvature ratio from the 2×2 Hessian (Lowe §4.1): a blob has two similar
        // negative curvatures; a hair shaft one large and one near zero.
        double tr = dxx + dyy, det = (dxx * dyy) - (dxy * dxy);
        if (det <= 0 || tr >= 0 || tr * tr / det >= edgeLimit)
        {
            return;
        }

        double ox, oy, os = 0;
        if (j > 0 && j <= ScalesPerOctave)
        {
            var lo = dog[j - 1];
            var hi = dog[j + 1];
            double ds = 0.5 * (hi[i] - lo[i]), dss = hi[i] + lo[i] - (2 * v);
            double dxs = 0.25 * (hi[i + 1] - hi[i - 1] - lo[i + 1] + lo[i - 1]);
            double dys = 0.25 * (hi[i + w] - hi[i - w] - lo[i + w] + lo[i - w]);

            // Solve H·o = −g for the 3-D offset (Brown & Lowe 2002) by Cramer's rule.
            double a = dxx, b = dxy, c = dxs, e = dyy, f = dys, k = dss;
            double det3 = (a * ((e * k) - (f * f))) - (b * ((b * k) - (f * c))) + (c * ((b * f) - (e * c)));
            if (Math.Abs(det3) > 1e-12)
            {
                double gx = -dx, gy = -dy, gs = -ds;
                ox = ((gx * ((e * k) - (f * f))) - (b * ((gy * k) - (f * gs))) + (c * ((gy * f) - (e * gs)))) / det3;
                oy = ((a * ((gy * k) - (f * gs))) - (gx * ((b * k) - (f * c))) + (c * ((b * gs) - (gy * c)))) / det3;
                os = ((a * ((e * gs) - (gy * f))) - (b * ((b * gs) - (gy * c))) + (gx * ((b * f) - (e * c)))) / det3;
            }
            else
            {
                (ox, oy) = Offset2D(dx, dy, dxx, dyy, dxy, det);
            }
        }
        else
        {
            (ox, oy) = Offset2D(dx, dy, dxx, dyy, dxy, det);
        }

        ox = Math.Clamp(ox, -0.6, 0.6);
        oy = Math.Clamp(oy, -0.6, 0.6);
        os = Math.Clamp(os, -0.6, 0.6);
        double response = v + (0.5 * ((dx * ox) + (dy * oy)));

        // DoG level j lies between σ_j and σ_{j+1}; its LoG-equivalent σ is σ_j·√k.
        double sigma = Math.Pow(K, j + os + 0.5) * scale;
        found.Add(new BlobCandidate((x + ox) * scale, (y + oy) * scale, sigma, response, octave, j, tr * tr / det));
    }

    private static (double Ox, double Oy) Offset2D(double dx, double dy, double dxx, double dyy, double dxy, double det) =>
        ((-(dyy * dx) + (dxy * dy)) / det, ((dxy * dx) - (dxx * dy)) / det);
}
