using ProgressVision.Imaging.Buffers;
using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Randomness;
using ProgressVision.Synth.Scene;

namespace ProgressVision.Synth.Rendering;

/// <summary>
/// Draws hair strands as tapered antialiased curves. Each strand is flattened into short segments in
/// image space; a pixel's coverage is min(1, w/2 + ½ − d, w) for a strand of width w px at distance d
/// (box-filtered line, correct for sub-pixel widths too); within a strand the maximum over segments is
/// kept so joints are not darkened twice.
/// </summary>
internal sealed class HairRasterizer
{
    private readonly int _w, _h;
    private readonly int[] _stamp;
    private readonly float[] _cov;
    private readonly List<int> _touched = [];

    public HairRasterizer(int width, int height)
    {
        _w = width;
        _h = height;
        _stamp = new int[width * height];
        Array.Fill(_stamp, -1);
        _cov = new float[width * height];
    }

    public void Draw(PixelBuffer<float> albedo, PixelBuffer<float> hairCoverage, IReadOnlyList<HairStrand> strands, PhotoProjection projection,
        (double MinX, double MinY, double MaxX, double MaxY) worldView, ulong seed)
    {
        var span = albedo.Span;
        var hc = hairCoverage.Span;
        double pxPerMm = 1.0 / projection.Pose.MmPerPx;

        // Short hair first, long hair on top of it.
        var order = Enumerable.Range(0, strands.Count).OrderBy(i => strands[i].Kind is HairKind.Stubble or HairKind.Vellus ? 0 : 1).ThenBy(i => i);
        foreach (int si in order)
        {
            var s = strands[si];
            var p = s.ControlPoints;
            double sMinX = Math.Min(Math.Min(p[0], p[2]), Math.Min(p[4], p[6])), sMaxX = Math.Max(Math.Max(p[0], p[2]), Math.Max(p[4], p[6]));
            double sMinY = Math.Min(Math.Min(p[1], p[3]), Math.Min(p[5], p[7])), sMaxY = Math.Max(Math.Max(p[1], p[3]), Math.Max(p[5], p[7]));
            if (sMaxX < worldView.MinX || sMinX > worldView.MaxX || sMaxY < worldView.MinY || sMinY > worldView.MaxY)
            {
                continue;
            }

            int n = Math.Clamp((int)Math.Ceiling(s.ApproxLengthMm * pxPerMm / 2.0), 2, 400);
            _touched.Clear();
            var (px0, py0) = projection.WorldToImagePoint(p[0], p[1]);
            for (int k = 1; k <= n; k++)
            {
                double t0 = (k - 1.0) / n, t1 = (double)k / n;
                var (wx, wy) = s.At(t1);
                var (px1, py1) = projection.WorldToImagePoint(wx, wy);
                double hw0 = 0.5 * s.WidthMm * pxPerMm * (1 - ((1 - s.TipTaper) * t0));
                double hw1 = 0.5 * s.WidthMm * pxPerMm * (1 - ((1 - s.TipTaper) * t1));
                Segment(si, px0, py0, px1, py1, hw0, hw1, s.Opacity);
                px0 = px1;
                py0 = py1;
            }

            // Composite the strand: shaded along its length (hair is a cylinder catching light unevenly).
            var colour = s.Colour;
            foreach (int idx in _touched)
            {
                double c = _cov[idx];
                double shade = 0.88 + (0.24 * SplitMix64.Hash01(seed, si, idx % 7, 9));
                int o = idx * 3;
                span[o] = (float)(span[o] + (c * ((colour.R * shade) - span[o])));
                span[o + 1] = (float)(span[o + 1] + (c * ((colour.G * shade) - span[o + 1])));
                span[o + 2] = (float)(span[o + 2] + (c * ((colour.B * shade) - span[o + 2])));
                hc[idx] = (float)(1 - ((1 - hc[idx]) * (1 - c)));
            }
        }
    }

    private void Segment(int strand, double ax, double ay, double bx, double by, double hwa, double hwb, double opacity)
    {
        double hwMax = Math.Max(hwa, hwb);
        int x0 = Math.Max(0, (int)Math.Floor(Math.Min(ax, bx) - hwMax - 1)), x1 = Math.Min(_w - 1, (int)Math.Ceiling(Math.Max(ax, bx) + hwMax + 1));
        int y0 = Math.Max(0, (int)Math.Floor(Math.Min(ay, by) - hwMax - 1)), y1 = Math.Min(_h - 1, (int)Math.Ceiling(Math.Max(ay, by) + hwMax + 1));
        double vx = bx - ax, vy = by - ay, len2 = (vx * vx) + (vy * vy);
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                double t = len2 > 1e-12 ? Math.Clamp((((x - ax) * vx) + ((y - ay) * vy)) / len2, 0, 1) : 0;
                double dx = x - (ax + (t * vx)), dy = y - (ay + (t * vy));
                double d = Math.Sqrt((dx * dx) + (dy * dy));
                double hw = hwa + ((hwb - hwa) * t);
                double c = Math.Min(Math.Min(1.0, hw + 0.5 - d), 2 * hw);
                if (c <= 0)
                {
                    continue;
                }

                c *= opacity;
                int idx = (y * _w) + x;
                if (_stamp[idx] != strand)
                {
                    _stamp[idx] = strand;
                    _cov[idx] = (float)c;
                    _touched.Add(idx);
                }
                else if (c > _cov[idx])
                {
                    _cov[idx] = (float)c;
                }
            }
        }
    }
}
