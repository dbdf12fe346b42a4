namespace ProgressVision.Analysis.Metrics;

/// <summary>A uniform-grid hash of 2-D points for nearest-neighbour and radius queries.</summary>
public sealed class PointIndex
{
    private readonly (double X, double Y)[] _p;
    private readonly int[] _heads, _next;
    private readonly double _minX, _minY, _cell;
    private readonly int _gw, _gh;

    /// <summary>Indexes <paramref name="points"/> with cells of side <paramref name="cell"/> px (default: about one mean spacing).</summary>
    public PointIndex(IReadOnlyList<(double X, double Y)> points, double cell = 0)
    {
        ArgumentNullException.ThrowIfNull(points);
        _p = [.. points];
        int n = _p.Length;
        _minX = n == 0 ? 0 : _p.Min(p => p.X);
        _minY = n == 0 ? 0 : _p.Min(p => p.Y);
        double maxX = n == 0 ? 1 : _p.Max(p => p.X), maxY = n == 0 ? 1 : _p.Max(p => p.Y);
        _cell = cell > 0 ? cell : Math.Max(1, Math.Sqrt(Math.Max(1, (maxX - _minX) * (maxY - _minY)) / Math.Max(1, n)));
        _gw = Math.Max(1, (int)((maxX - _minX) / _cell) + 1);
        _gh = Math.Max(1, (int)((maxY - _minY) / _cell) + 1);
        _heads = new int[_gw * _gh];
        Array.Fill(_heads, -1);
        _next = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = (CellY(_p[i].Y) * _gw) + CellX(_p[i].X);
            _next[i] = _heads[c];
            _heads[c] = i;
        }
    }

    /// <summary>Number of points.</summary>
    public int Count => _p.Length;

    /// <summary>Point <paramref name="i"/>.</summary>
    public (double X, double Y) this[int i] => _p[i];

    /// <summary>
    /// Nearest point to (x, y) other than <paramref name="exclude"/>, within
    /// <paramref name="maxDistance"/>; (−1, ∞) when none.
    /// </summary>
    public (int Index, double Distance) Nearest(double x, double y, double maxDistance = double.PositiveInfinity, int exclude = -1)
    {
        if (_p.Length == 0)
        {
            return (-1, double.PositiveInfinity);
        }

        // Search rings of cells outward; a point in ring k is at least (k − 1)·cell away, so stop
        // once that exceeds the best distance so far.
        int cx = CellX(x), cy = CellY(y);
        int ox = (int)Math.Floor((x - _minX) / _cell) - cx, oy = (int)Math.Floor((y - _minY) / _cell) - cy;
        int extra = Math.Max(Math.Abs(ox), Math.Abs(oy));
        double best2 = maxDistance * maxDistance;
        int bestI = -1;
        int maxRing = Math.Max(_gw, _gh) + extra;
        for (int ring = 0; ring <= maxRing; ring++)
        {
            double near = (ring - 1 - extra) * _cell;
            if (near > 0 && near * near > best2)
            {
                break;
            }

            for (int gy = cy - ring; gy <= cy + ring; gy++)
            {
                if ((uint)gy >= (uint)_gh)
                {
                    continue;
                }

                int step = Math.Abs(gy - cy) == ring ? 1 : 2 * ring;
                for (int gx = cx - ring; gx <= cx + ring; gx += Math.Max(1, step))
                {
                    if ((uint)gx >= (uint)_gw)
                    {
                        continue;
                    }

                    for (int j = _heads[(gy * _gw) + gx]; j >= 0; j = _next[j])
                    {
                        if (j == exclude)
                        {
                            continue;
                        }

                        double dx = _p[j].X - x, dy = _p[j].Y - y, dd = (dx * dx) + (dy * dy);
                        if (dd <= best2)
                        {
                            best2 = dd;
                            bestI = j;
                        }
                    }
                }
            }
        }

        return bestI < 0 ? (-1, double.PositiveInfinity) : (bestI, Math.Sqrt(best2));
    }

    /// <summary>Indices of the points within <paramref name="radius"/> of (x, y).</summary>
    public List<int> Within(double x, double y, double radius)
    {
        var found = new List<int>();
        int x0 = CellX(x - radius), x1 = CellX(x + radius), y0 = CellY(y - radius), y1 = CellY(y + radius);
        for (int gy = y0; gy <= y1; gy++)
        {
            for (int gx = x0; gx <= x1; gx++)
            {
                for (int j = _heads[(gy * _gw) + gx]; j >= 0; j = _next[j])
                {
                    double dx = _p[j].X - x, dy = _p[j].Y - y;
                    if ((dx * dx) + (dy * dy) <= radius * radius)
                    {
                        found.Add(j);
                    }
                }
            }
        }

        return found;
    }

    private int CellX(double x) => Math.Clamp((int)Math.Floor((x - _minX) / _cell), 0, _gw - 1);

    private int CellY(double y) => Math.Clamp((int)Math.Floor((y - _minY) / _cell), 0, _gh - 1);
}
