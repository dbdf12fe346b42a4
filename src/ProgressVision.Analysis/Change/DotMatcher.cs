using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Metrics;

namespace ProgressVision.Analysis.Change;

/// <summary>
/// Matches BEFORE and AFTER dots after alignment and labels each retained, faded, lost or new.
/// </summary>
/// <remarks>
/// AFTER dots are mapped into BEFORE pixels with the AFTER→BEFORE mapping (homography or warp grid,
/// e.g. <c>Alignment.MapAfterToBefore</c>). Only the area both photos show counts: the AFTER frame
/// is mapped into BEFORE as a polygon (its border sampled every few pixels, so non-rigid maps are
/// followed), and dots outside it — or outside the BEFORE frame — are left out rather than called
/// lost or new. Pairs are matched greedily by increasing distance, one-to-one, within the BEFORE
/// dot's radius × <see cref="DotMatchOptions.RadiusFactor"/> plus the alignment tolerance.
/// </remarks>
public sealed class DotMatcher
{
    /// <summary>Creates a matcher.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public DotMatcher(DotMatchOptions? options = null)
    {
        Options = options ?? new DotMatchOptions();
        Options.Validate();
    }

    /// <summary>The matcher's options.</summary>
    public DotMatchOptions Options { get; }

    /// <summary>Labels every dot in the common area.</summary>
    /// <param name="before">BEFORE dots (BEFORE pixels).</param>
    /// <param name="after">AFTER dots (AFTER pixels).</param>
    /// <param name="afterToBefore">Maps an AFTER pixel to BEFORE pixels.</param>
    /// <param name="beforeSize">BEFORE photo width and height.</param>
    /// <param name="afterSize">AFTER photo width and height.</param>
    public List<DotChange> Match(IReadOnlyList<PigmentDot> before, IReadOnlyList<PigmentDot> after, Func<double, double, (double X, double Y)> afterToBefore,
        (int Width, int Height) beforeSize, (int Width, int Height) afterSize)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(afterToBefore);
        var o = Options;
        var frame = AfterFrameInBefore(afterToBefore, afterSize);
        bool Common(double x, double y) =>
            x >= o.EdgeMarginPx && y >= o.EdgeMarginPx && x <= beforeSize.Width - 1 - o.EdgeMarginPx && y <= beforeSize.Height - 1 - o.EdgeMarginPx
            && DistanceInside(frame, x, y) >= o.EdgeMarginPx;

        var mapped = new (double X, double Y)[after.Count];
        for (int i = 0; i < after.Count; i++)
        {
            mapped[i] = afterToBefore(after[i].X, after[i].Y);
        }

        // Candidate pairs within tolerance, shortest first (greedy one-to-one assignment).
        var index = new PointIndex(mapped);
        double maxR = before.Count == 0 ? 0 : before.Max(d => d.Radius);
        var pairs = new List<(double D, int B, int A)>();
        for (int b = 0; b < before.Count; b++)
        {
            double tol = (o.RadiusFactor * before[b].Radius) + o.AlignmentTolerancePx;
            foreach (int a in index.Within(before[b].X, before[b].Y, tol))
            {
                double dx = mapped[a].X - before[b].X, dy = mapped[a].Y - before[b].Y;
                pairs.Add((Math.Sqrt((dx * dx) + (dy * dy)), b, a));
            }
        }

        pairs.Sort((p, q) => p.D.CompareTo(q.D));
        var partnerOfBefore = new int[before.Count];
        var partnerOfAfter = new int[after.Count];
        Array.Fill(partnerOfBefore, -1);
        Array.Fill(partnerOfAfter, -1);
        foreach (var (_, b, a) in pairs)
        {
            if (partnerOfBefore[b] < 0 && partnerOfAfter[a] < 0)
            {
                partnerOfBefore[b] = a;
                partnerOfAfter[a] = b;
            }
        }

        var changes = new List<DotChange>();
        for (int b = 0; b < before.Count; b++)
        {
            var d = before[b];
            if (!Common(d.X, d.Y))
            {
                continue;
            }

            int a = partnerOfBefore[b];
            if (a < 0)
            {
                changes.Add(new DotChange(DotChangeLabel.Lost, b, -1, d.X, d.Y, 0));
                continue;
            }

            double ratio = d.Contrast > 0 ? after[a].Contrast / d.Contrast : 1;
            var label = ratio < 1 - o.FadeFraction ? DotChangeLabel.Faded : DotChangeLabel.Retained;
            changes.Add(new DotChange(label, b, a, d.X, d.Y, ratio));
        }

        for (int a = 0; a < after.Count; a++)
        {
            if (partnerOfAfter[a] < 0 && Common(mapped[a].X, mapped[a].Y))
            {
                changes.Add(new DotChange(DotChangeLabel.New, -1, a, mapped[a].X, mapped[a].Y, double.PositiveInfinity));
            }
        }

        return changes;
    }

    /// <summary>
    /// Counts, retention rate = retained ÷ (retained + faded + lost) (the share of BEFORE dots that
    /// kept their strength; 1 when there were none) and boxes where fading or loss clusters.
    /// </summary>
    public DotChangeSummary Summarise(IReadOnlyList<DotChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        int r = 0, f = 0, l = 0, n = 0;
        foreach (var c in changes)
        {
            switch (c.Label)
            {
                case DotChangeLabel.Retained: r++; break;
                case DotChangeLabel.Faded: f++; break;
                case DotChangeLabel.Lost: l++; break;
                default: n++; break;
            }
        }

        int before = r + f + l;
        return new DotChangeSummary(r, f, l, n, before == 0 ? 1 : r / (double)before) { FadeClusters = FadeClusters(changes) };
    }

    private List<double[]> FadeClusters(IReadOnlyList<DotChange> changes)
    {
        var o = Options;
        double s = o.ClusterCellPx;
        var cells = new Dictionary<(int, int), (int Bad, int All)>();
        foreach (var c in changes)
        {
            if (c.Label == DotChangeLabel.New)
            {
                continue;
            }

            var key = ((int)Math.Floor(c.X / s), (int)Math.Floor(c.Y / s));
            var v = cells.GetValueOrDefault(key);
            cells[key] = (v.Bad + (c.Label is DotChangeLabel.Faded or DotChangeLabel.Lost ? 1 : 0), v.All + 1);
        }

        var hot = cells.Where(kv => kv.Value.Bad >= o.ClusterMinDots && kv.Value.Bad >= o.ClusterMinShare * kv.Value.All).Select(kv => kv.Key).ToHashSet();
        var seen = new HashSet<(int, int)>();
        var boxes = new List<double[]>();
        foreach (var start in hot.OrderBy(k => k.Item2).ThenBy(k => k.Item1))
        {
            if (!seen.Add(start))
            {
                continue;
            }

            // 8-connected hot cells form one cluster; its box encloses the faded and lost dots in it.
            var members = new HashSet<(int, int)> { start };
            var stack = new Stack<(int, int)>([start]);
            while (stack.Count > 0)
            {
                var (cx, cy) = stack.Pop();
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        var nb = (cx + dx, cy + dy);
                        if (hot.Contains(nb) && seen.Add(nb))
                        {
                            members.Add(nb);
                            stack.Push(nb);
                        }
                    }
                }
            }

            double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
            foreach (var c in changes)
            {
                if (c.Label is DotChangeLabel.Faded or DotChangeLabel.Lost && members.Contains(((int)Math.Floor(c.X / s), (int)Math.Floor(c.Y / s))))
                {
                    x0 = Math.Min(x0, c.X);
                    y0 = Math.Min(y0, c.Y);
                    x1 = Math.Max(x1, c.X);
                    y1 = Math.Max(y1, c.Y);
                }
            }

            boxes.Add([x0, y0, x1 - x0, y1 - y0]);
        }

        return boxes;
    }

    // The AFTER frame's border mapped into BEFORE, sampled every ~8 px along each side.
    private static List<(double X, double Y)> AfterFrameInBefore(Func<double, double, (double X, double Y)> map, (int Width, int Height) size)
    {
        var pts = new List<(double, double)>();
        double w = size.Width - 1, h = size.Height - 1;
        int nx = Math.Max(2, (int)(w / 8)), ny = Math.Max(2, (int)(h / 8));
        for (int i = 0; i < nx; i++)
        {
            pts.Add(map(w * i / nx, 0));
        }

        for (int i = 0; i < ny; i++)
        {
            pts.Add(map(w, h * i / ny));
        }

        for (int i = 0; i < nx; i++)
        {
            pts.Add(map(w - (w * i / nx), h));
        }

        for (int i = 0; i < ny; i++)
        {
            pts.Add(map(0, h - (h * i / ny)));
        }

        return pts;
    }

    // Signed distance to the polygon's border: positive inside (even-odd rule), negative outside.
    private static double DistanceInside(List<(double X, double Y)> poly, double x, double y)
    {
        bool inside = false;
        double best = double.MaxValue;
        for (int i = 0, j = poly.Count - 1; i < poly.Count; j = i++)
        {
            var (xi, yi) = poly[i];
            var (xj, yj) = poly[j];
            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }

            double ex = xj - xi, ey = yj - yi, len2 = (ex * ex) + (ey * ey);
            double t = len2 == 0 ? 0 : Math.Clamp((((x - xi) * ex) + ((y - yi) * ey)) / len2, 0, 1);
            double dx = x - (xi + (t * ex)), dy = y - (yi + (t * ey));
            best = Math.Min(best, (dx * dx) + (dy * dy));
        }

        return inside ? Math.Sqrt(best) : -Math.Sqrt(best);
    }
}
