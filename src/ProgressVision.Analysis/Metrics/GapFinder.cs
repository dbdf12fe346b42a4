using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Metrics;

/// <summary>
/// Finds empty patches of the treated area: the union of all dot-free discs of diameter at least
/// <c>minDiameterPx</c> centred in V, split into connected parts, each outlined as a polygon.
/// </summary>
/// <remarks>
/// Works on a grid of cells of about a quarter of the minimum radius. A cell centre p in V whose
/// distance d(p) to the nearest dot, capped by its distance to the frame border, exceeds the minimum
/// radius is the centre of an empty disc of that radius; the gap is the union of those discs, clipped
/// to V (a morphological opening of the empty space, so the irregular room between ordinary dots never
/// qualifies). A gap therefore lies in the photo: the union of dot-free discs it wholly shows. Each gap also
/// reports the largest such disc's diameter (<see cref="Gap.InscribedDiameterPx"/>): the widest point of the patch.
/// </remarks>
public static class GapFinder
{
    /// <summary>Finds gaps; <paramref name="mmPerPx"/>, when given, fills <see cref="Gap.AreaMm2"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A minimum diameter below 4 px.</exception>
    public static List<Gap> Find(IReadOnlyList<PigmentDot> dots, MeasuredArea area, double minDiameterPx, double? mmPerPx = null)
    {
        ArgumentNullException.ThrowIfNull(dots);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentOutOfRangeException.ThrowIfLessThan(minDiameterPx, 4.0);
        double rMin = minDiameterPx / 2;
        int cell = Math.Max(1, (int)(rMin / 4));
        int gw = ((area.Width - 1) / cell) + 1, gh = ((area.Height - 1) / cell) + 1;
        var index = new PointIndex(dots.Select(d => (d.X, d.Y)).ToList());

        // Empty-disc radius at each cell centre in V (0 when too small to matter).
        var radius = new double[gw * gh];
        Parallel.For(0, gh, gy =>
        {
            for (int gx = 0; gx < gw; gx++)
            {
                int x = Math.Min(area.Width - 1, (gx * cell) + (cell / 2)), y = Math.Min(area.Height - 1, (gy * cell) + (cell / 2));
                if (!area.Contains(x, y))
                {
                    continue;
                }

                double r = EmptyRadius(index, area, x, y);
                if (r >= rMin)
                {
                    radius[(gy * gw) + gx] = r;
                }
            }
        });

        var inGap = new bool[gw * gh];
        for (int gy = 0; gy < gh; gy++)
        {
            for (int gx = 0; gx < gw; gx++)
            {
                double r = radius[(gy * gw) + gx];
                if (r <= 0)
                {
                    continue;
                }

                int rc = (int)(r / cell);
                for (int yy = Math.Max(0, gy - rc); yy <= Math.Min(gh - 1, gy + rc); yy++)
                {
                    for (int xx = Math.Max(0, gx - rc); xx <= Math.Min(gw - 1, gx + rc); xx++)
                    {
                        int dx = (xx - gx) * cell, dy = (yy - gy) * cell;
                        if ((dx * dx) + (dy * dy) <= r * r && !inGap[(yy * gw) + xx]
                            && area.Contains(Math.Min(area.Width - 1, (xx * cell) + (cell / 2)), Math.Min(area.Height - 1, (yy * cell) + (cell / 2))))
                        {
                            inGap[(yy * gw) + xx] = true;
                        }
                    }
                }
            }
        }

        var gaps = new List<Gap>();
        var label = new int[gw * gh];
        int next = 0;
        var queue = new Queue<int>();
        for (int i = 0; i < inGap.Length; i++)
        {
            if (!inGap[i] || label[i] != 0)
            {
                continue;
            }

            int id = ++next;
            label[i] = id;
            queue.Enqueue(i);
            long cells = 0;
            bool offFrame = false;
            var centres = new List<int>();
            while (queue.Count > 0)
            {
                int c = queue.Dequeue();
                cells++;
                // Discs stop at the border, so a patch that reaches it fills the outermost cells there.
                offFrame |= c % gw == 0 || c / gw == 0 || c % gw == gw - 1 || c / gw == gh - 1;
                if (radius[c] > 0)
                {
                    centres.Add(c);
                }

                int cx = c % gw, cy = c / gw;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = cx + dx, ny = cy + dy;
                        if ((uint)nx < (uint)gw && (uint)ny < (uint)gh && inGap[(ny * gw) + nx] && label[(ny * gw) + nx] == 0)
                        {
                            label[(ny * gw) + nx] = id;
                            queue.Enqueue((ny * gw) + nx);
                        }
                    }
                }
            }

            double areaPx = cells * (double)cell * cell;
            if (areaPx < Math.PI * rMin * rMin)
            {
                continue;
            }

            double widest = Widest(index, area, radius, centres, gw, cell);
            var outline = Outline(label, gw, gh, i, id);
            var poly = new double[outline.Count * 2];
            for (int k = 0; k < outline.Count; k++)
            {
                poly[2 * k] = (outline[k].X * cell) + ((cell - 1) / 2.0);
                poly[(2 * k) + 1] = (outline[k].Y * cell) + ((cell - 1) / 2.0);
            }

            gaps.Add(new Gap(poly, areaPx, mmPerPx is double s ? areaPx * s * s : null)
            {
                InscribedDiameterPx = 2 * widest,
                InscribedDiameterMm = mmPerPx is double sd ? 2 * widest * sd : null,
                RunsOffFrame = offFrame,
            });
        }

        return gaps;
    }

    // Radius of the largest dot-free disc centred on pixel (x, y): the distance to the nearest dot, capped by the
    // distance to the frame border.
    private static double EmptyRadius(PointIndex index, MeasuredArea area, int x, int y)
    {
        double d = index.Count == 0 ? double.PositiveInfinity : index.Nearest(x, y).Distance;

        // A disc is known to be empty only as far as the photo shows it: past the frame edge there may be
        // dots nobody can see, so the disc may not reach beyond the border. Otherwise the few dots a photo
        // loses along its edge (cut in half, blurred, darker corners) would open a "gap" there.
        double toBorder = Math.Min(Math.Min(x + 0.5, y + 0.5), Math.Min(area.Width - 0.5 - x, area.Height - 0.5 - y));
        return Math.Min(d, toBorder);
    }

    // The largest empty-disc radius of a gap, to the pixel. The cell centres miss the best centre by up to
    // cell/√2, and the radius (a distance, 1-Lipschitz) by as much: a quarter of the minimum radius, too coarse to
    // tell a patch 4.5 mm wide from one 4.2 mm wide. So every pixel around the cells within a cell of the best is
    // tried (centres in V, as the cells').
    private static double Widest(PointIndex index, MeasuredArea area, double[] radius, List<int> centres, int gw, int cell)
    {
        double coarse = centres.Count == 0 ? 0 : centres.Max(c => radius[c]);
        double best = coarse;
        foreach (int c in centres)
        {
            if (radius[c] < coarse - (1.5 * cell))
            {
                continue;
            }

            int x0 = (c % gw) * cell, y0 = (c / gw) * cell;
            for (int y = Math.Max(0, y0 - cell); y < Math.Min(area.Height, y0 + (2 * cell)); y++)
            {
                for (int x = Math.Max(0, x0 - cell); x < Math.Min(area.Width, x0 + (2 * cell)); x++)
                {
                    if (area.Contains(x, y))
                    {
                        best = Math.Max(best, EmptyRadius(index, area, x, y));
                    }
                }
            }
        }

        return best;
    }

    // Moore-neighbour boundary tracing of the component holding `start` (its first cell in raster
    // order, so the cell to its left is outside): returns the outer boundary cells in order.
    private static List<(int X, int Y)> Outline(int[] label, int gw, int gh, int start, int id)
    {
        ReadOnlySpan<int> ndx = [-1, -1, 0, 1, 1, 1, 0, -1];
        ReadOnlySpan<int> ndy = [0, -1, -1, -1, 0, 1, 1, 1];
        var pts = new List<(int X, int Y)>();
        int sx = start % gw, sy = start / gw, x = sx, y = sy, dir = 0;
        bool In(int px, int py) => (uint)px < (uint)gw && (uint)py < (uint)gh && label[(py * gw) + px] == id;
        int guard = 4 * gw * gh;
        do
        {
            pts.Add((x, y));
            int found = -1;
            for (int k = 0; k < 8; k++)
            {
                int d = (dir + k) % 8;
                if (In(x + ndx[d], y + ndy[d]))
                {
                    found = d;
                    break;
                }
            }

            if (found < 0)
            {
                break;
            }

            x += ndx[found];
            y += ndy[found];

            // Resume the clockwise sweep from the neighbour after the backtrack direction.
            dir = (found + 6) % 8;
        }
        while ((x != sx || y != sy) && --guard > 0);
        return pts;
    }
}
