using System.Buffers;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// Radial darkness profile of one dot on the darkness plane: the centre level, the local skin level
/// around it, and the radius where darkness falls half way between them.
/// </summary>
internal static class DotProfile
{
    private const double Bin = 0.5;

    // Per-axis variance of the 3×3 binomial smoothing applied to every read, px².
    private const double BinomialVariance = 0.5;

    /// <summary>
    /// Measures the dot near (cx, cy) of rough radius <paramref name="r0"/>. Returns false when the
    /// profile has no dark centre (texture, a ring, or the image edge).
    /// </summary>
    public static bool Measure(float[] d, int w, int h, double cx, double cy, double r0, out double contrast, out double radius) =>
        Measure(d, w, h, cx, cy, r0, smooth: true, out contrast, out radius, out _);

    /// <summary>
    /// As above, and the elongation of the dark core: the eigenvalue ratio λ₁/λ₂ (≥ 1) of the
    /// second moments of the pixels darker than the half-depth level within 2 radii. A disc gives
    /// 1, an ellipse (a/b)², a hair or stubble crossing the window far more.
    /// </summary>
    public static bool Measure(float[] d, int w, int h, double cx, double cy, double r0, out double contrast, out double radius, out double elongation) =>
        Measure(d, w, h, cx, cy, r0, smooth: true, out contrast, out radius, out elongation);

    /// <summary>As above; with <paramref name="smooth"/> false the plane is read as it is (no binomial, no radius correction).</summary>
    public static bool Measure(float[] d, int w, int h, double cx, double cy, double r0, bool smooth, out double contrast, out double radius, out double elongation)
    {
        contrast = 0;
        radius = 0;
        elongation = 1;
        double outer = (2.4 * r0) + 2.5, inner = (1.7 * r0) + 1.5;
        int nb = (int)Math.Ceiling(outer / Bin) + 1;
        int x0 = (int)Math.Floor(cx - outer), x1 = (int)Math.Ceiling(cx + outer);
        int y0 = (int)Math.Floor(cy - outer), y1 = (int)Math.Ceiling(cy + outer);
        if (x0 < 0 || y0 < 0 || x1 >= w || y1 >= h)
        {
            x0 = Math.Max(x0, 0);
            y0 = Math.Max(y0, 0);
            x1 = Math.Min(x1, w - 1);
            y1 = Math.Min(y1, h - 1);
        }

        // Every read goes through a 3×3 binomial ([1 2 1]/4 per axis, variance ½ px² per axis). On very
        // dark skin the darkness plane's pixel noise (≈0.06–0.09) is half a faint dot's depth: single
        // noisy pixels then bias the core level, cut the half-depth radius short and make the
        // half-depth core ragged (elongated). The binomial cuts white noise to 0.375 of its σ and
        // changes a dot's shape only by its small variance (corrected below). The profile window is
        // smoothed once, separably; reads outside it (a large core's moments) smooth on the spot.
        bool smoothPlane = smooth;
        int ww0 = x1 - x0 + 1, wh0 = y1 - y0 + 1;
        var smoothBuffer = ArrayPool<float>.Shared.Rent(smoothPlane ? ww0 * wh0 : 1);
        try
        {
            if (smoothPlane)
            {
                SmoothWindow(d, w, h, x0, y0, ww0, wh0, smoothBuffer);
            }

            var plane = new SmoothedDarkness(d, w, h, smoothBuffer, x0, y0, ww0, wh0, smoothPlane);
            return MeasureSmoothed(plane, w, h, cx, cy, r0, outer, inner, nb, x0, y0, x1, y1, out contrast, out radius, out elongation);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(smoothBuffer);
        }
    }

    private static bool MeasureSmoothed(SmoothedDarkness plane, int w, int h, double cx, double cy, double r0, double outer, double inner, int nb,
        int x0, int y0, int x1, int y1, out double contrast, out double radius, out double elongation)
    {
        contrast = 0;
        radius = 0;
        elongation = 1;
        Span<double> sum = stackalloc double[nb];
        Span<int> cnt = stackalloc int[nb];

        // Ring values for a median skin level: neighbouring dots inside the ring must not pull it up.
        Span<float> ring = stackalloc float[1024];
        int nRing = 0;
        double coreSum = 0, coreW = 0, coreR = Math.Max(0.75, 0.4 * r0);
        for (int y = y0; y <= y1; y++)
        {
            double ddy = y - cy;

            // Only the columns within the disc of radius outer (plus a pixel each side) can pass the
            // exact test below: beyond them |ddx| ≥ √(outer² − ddy²) + 1, so rr exceeds outer by far
            // more than rounding. Skipping the window's corners leaves every sum in the same order.
            double chord = Math.Sqrt(Math.Max(0, (outer * outer) - (ddy * ddy)));
            int xa = Math.Max(x0, (int)Math.Floor(cx - chord) - 1), xb = Math.Min(x1, (int)Math.Ceiling(cx + chord) + 1);
            var row = plane.WindowRow(y);
            for (int x = xa; x <= xb; x++)
            {
                double ddx = x - cx, rr = Math.Sqrt((ddx * ddx) + (ddy * ddy));
                if (rr > outer)
                {
                    continue;
                }

                float v = row[x - x0];
                int b = (int)(rr / Bin);
                sum[b] += v;
                cnt[b]++;
                if (rr >= inner && nRing < ring.Length)
                {
                    ring[nRing++] = v;
                }

                if (rr <= coreR + 0.5)
                {
                    // Tent weight: pixels nearer the sub-pixel centre count more.
                    double wt = Math.Max(0, coreR + 0.5 - rr);
                    coreSum += wt * v;
                    coreW += wt;
                }
            }
        }

        if (nRing < 8 || coreW <= 0)
        {
            return false;
        }

        double skin = OrderStatistic.Select(ring[..nRing], nRing / 2);
        double core = coreSum / coreW;
        double depth = core - skin;
        if (depth <= 0)
        {
            return false;
        }

        // Contrast 1 − L_dot/L_local: darkness is 1 − L/S, so L_dot/L_local = (1 − core)/(1 − skin).
        contrast = depth / Math.Max(1e-3, 1 - skin);

        // Half-depth radius: first bin whose mean falls below the half level, interpolated linearly
        // between bin centres.
        double half = skin + (0.5 * depth), prevR = 0, prevV = core;
        radius = -1;
        for (int b = 0; b < nb; b++)
        {
            if (cnt[b] == 0)
            {
                continue;
            }

            double rb = (b + 0.5) * Bin, vb = sum[b] / cnt[b];
            if (vb <= half)
            {
                radius = prevV - vb > 1e-9 ? prevR + ((rb - prevR) * (prevV - half) / (prevV - vb)) : rb;
                break;
            }

            prevR = rb;
            prevV = vb;
        }

        if (radius <= 0)
        {
            return false;
        }

        // Blurring a disc by a Gaussian of variance s² moves its half-level contour inward by ≈ s²/(2r)
        // (the contour shrinks with its curvature 1/r, as in mean-curvature flow for time s²/2); the
        // binomial's s² = ½ px² is put back so radii (and coverage) stay unbiased.
        if (plane.Smooth)
        {
            radius += BinomialVariance / (2 * radius);
        }

        // Second moments of the half-depth core (binary weights, so a dark hair counts by its extent):
        // only the 4-connected dark region that holds the centre, so neighbouring dots that reach into
        // the window at high density (spacing ≈ 3 radii) do not read as an elongated core.
        double win = (2 * radius) + 1.5;
        int wx0 = Math.Max(0, (int)Math.Floor(cx - win)), wx1 = Math.Min(w - 1, (int)Math.Ceiling(cx + win));
        int wy0 = Math.Max(0, (int)Math.Floor(cy - win)), wy1 = Math.Min(h - 1, (int)Math.Ceiling(cy + win));
        int ww = wx1 - wx0 + 1, wh = wy1 - wy0 + 1;
        int sx0 = Math.Clamp((int)Math.Round(cx), wx0, wx1), sy0 = Math.Clamp((int)Math.Round(cy), wy0, wy1);
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        var seen = ArrayPool<bool>.Shared.Rent(ww * wh);
        var queue = ArrayPool<int>.Shared.Rent(ww * wh);
        try
        {
            Array.Clear(seen, 0, ww * wh);
            int head = 0, tail = 0;
            bool InCore(int x, int y)
            {
                double ddx = x - cx, ddy = y - cy;
                return (ddx * ddx) + (ddy * ddy) <= win * win && plane.At(x, y) >= half;
            }

            if (InCore(sx0, sy0))
            {
                seen[((sy0 - wy0) * ww) + (sx0 - wx0)] = true;
                queue[tail++] = ((sy0 - wy0) * ww) + (sx0 - wx0);
            }

            while (head < tail)
            {
                int k = queue[head++], x = wx0 + (k % ww), y = wy0 + (k / ww);
                double ddx = x - cx, ddy = y - cy;
                n++;
                sx += ddx;
                sy += ddy;
                sxx += ddx * ddx;
                syy += ddy * ddy;
                sxy += ddx * ddy;
                for (int q = 0; q < 4; q++)
                {
                    int nx = x + (q == 0 ? 1 : q == 1 ? -1 : 0), ny = y + (q == 2 ? 1 : q == 3 ? -1 : 0);
                    if (nx < wx0 || nx > wx1 || ny < wy0 || ny > wy1)
                    {
                        continue;
                    }

                    int nk = ((ny - wy0) * ww) + (nx - wx0);
                    if (!seen[nk] && InCore(nx, ny))
                    {
                        seen[nk] = true;
                        queue[tail++] = nk;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(seen);
            ArrayPool<int>.Shared.Return(queue);
        }

        if (n >= 3)
        {
            double mx = sx / n, my = sy / n;

            // +1/12 per axis: each pixel is a unit square, not a point (keeps tiny cores finite).
            double cxx = (sxx / n) - (mx * mx) + (1.0 / 12), cyy = (syy / n) - (my * my) + (1.0 / 12), cxy = (sxy / n) - (mx * my);
            double tr = cxx + cyy, disc = Math.Sqrt((0.25 * (cxx - cyy) * (cxx - cyy)) + (cxy * cxy));
            double l1 = (0.5 * tr) + disc, l2 = Math.Max(1e-6, (0.5 * tr) - disc);
            elongation = l1 / l2;
        }

        return true;
    }

    // 3×3 binomial of d at (x, y), borders replicated.
    private static float SmoothedAt(float[] d, int w, int h, int x, int y)
    {
        int xm = Math.Max(0, x - 1), xp = Math.Min(w - 1, x + 1), ym = Math.Max(0, y - 1), yp = Math.Min(h - 1, y + 1);
        int rm = ym * w, r = y * w, rp = yp * w;
        float top = d[rm + xm] + (2 * d[rm + x]) + d[rm + xp];
        float mid = d[r + xm] + (2 * d[r + x]) + d[r + xp];
        float bot = d[rp + xm] + (2 * d[rp + x]) + d[rp + xp];
        return (top + (2 * mid) + bot) / 16f;
    }

    // The binomial over the window [x0, x0+ww) × [y0, y0+wh) into dst (row-major, ww wide): a
    // horizontal [1 2 1] pass over the window's rows and one more above and below, then a vertical one;
    // the same sums as SmoothedAt.
    private static void SmoothWindow(float[] d, int w, int h, int x0, int y0, int ww, int wh, float[] dst)
    {
        int ya = Math.Max(0, y0 - 1), yb = Math.Min(h - 1, y0 + wh);
        var rows = ArrayPool<float>.Shared.Rent((yb - ya + 1) * ww);
        try
        {
            for (int y = ya; y <= yb; y++)
            {
                int r = y * w, o = (y - ya) * ww;
                for (int i = 0; i < ww; i++)
                {
                    int x = x0 + i;
                    rows[o + i] = d[r + Math.Max(0, x - 1)] + (2 * d[r + x]) + d[r + Math.Min(w - 1, x + 1)];
                }
            }

            for (int j = 0; j < wh; j++)
            {
                int y = y0 + j;
                int om = (Math.Max(0, y - 1) - ya) * ww, oc = (y - ya) * ww, op = (Math.Min(h - 1, y + 1) - ya) * ww, o = j * ww;
                for (int i = 0; i < ww; i++)
                {
                    dst[o + i] = (rows[om + i] + (2 * rows[oc + i]) + rows[op + i]) / 16f;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
        }
    }

    // The smoothed darkness: from the precomputed window where it has it, else on the spot.
    private readonly struct SmoothedDarkness(float[] d, int w, int h, float[] window, int x0, int y0, int ww, int wh, bool smooth)
    {
        public bool Smooth => smooth;

        public float At(int x, int y) =>
            !smooth ? d[(y * w) + x]
            : (uint)(x - x0) < (uint)ww && (uint)(y - y0) < (uint)wh ? window[((y - y0) * ww) + (x - x0)] : SmoothedAt(d, w, h, x, y);

        // Row y of the profile window, columns x0 … x0 + ww − 1 (y within the window): the values At gives there.
        public ReadOnlySpan<float> WindowRow(int y) =>
            smooth ? window.AsSpan((y - y0) * ww, ww) : d.AsSpan((y * w) + x0, ww);
    }
}
