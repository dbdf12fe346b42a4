using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Segmentation;

namespace ProgressVision.Analysis.Metrics;

/// <summary>
/// The treated visible scalp V of one photo as a full-resolution bit plane: treated area, labelled
/// scalp (hair and background excluded). All metrics are taken over V (gaps included — they are
/// treated area left empty).
/// </summary>
public sealed class MeasuredArea
{
    private readonly bool[] _in;

    /// <summary>Wraps a row-major membership plane (true = in V).</summary>
    /// <exception cref="ArgumentException">Plane length is not width × height.</exception>
    public MeasuredArea(bool[] inside, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(inside);
        if (width < 1 || height < 1 || inside.Length != width * height)
        {
            throw new ArgumentException($"Membership plane of {inside.Length} does not match {width}x{height}.", nameof(inside));
        }

        _in = inside;
        Width = width;
        Height = height;
        AreaPx = MembershipCount.Count(inside);
    }

    /// <summary>Photo width.</summary>
    public int Width { get; }

    /// <summary>Photo height.</summary>
    public int Height { get; }

    /// <summary>|V|, px².</summary>
    public long AreaPx { get; }

    /// <summary>V of a segmented photo: treated and labelled scalp.</summary>
    public static MeasuredArea FromMask(ScalpMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int w = mask.ImageWidth, h = mask.ImageHeight;
        var inside = new bool[w * h];
        Parallel.For(0, h, y =>
        {
            var o = inside.AsSpan(y * w, w);
            if (mask.Scale == 1 && mask.Labels.Width == w && mask.Labels.Height == h)
            {
                // Full-resolution grids (what segmentation makes): cell (x, y) is pixel (x, y).
                var treated = mask.Treated.Row(y);
                var labels = mask.Labels.Row(y);
                for (int x = 0; x < w; x++)
                {
                    o[x] = treated[x] != 0 && labels[x] == (byte)ScalpLabel.Scalp;
                }

                return;
            }

            for (int x = 0; x < w; x++)
            {
                o[x] = mask.IsTreated(x, y) && mask.LabelAt(x, y) == ScalpLabel.Scalp;
            }
        });
        return new MeasuredArea(inside, w, h);
    }

    /// <summary>Whether pixel (x, y) is in V; outside the photo is not.</summary>
    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height && _in[(y * Width) + x];

    /// <summary>
    /// Whether a dot counts: its centre rounded half away from zero (the pixel whose centre is
    /// nearest, ties outward) lies in V.
    /// </summary>
    public bool Counts(PigmentDot dot) =>
        Contains((int)Math.Round(dot.X, MidpointRounding.AwayFromZero), (int)Math.Round(dot.Y, MidpointRounding.AwayFromZero));

    /// <summary>The dots that count, in input order.</summary>
    public List<PigmentDot> Counted(IEnumerable<PigmentDot> dots) => dots.Where(Counts).ToList();

    /// <summary>
    /// Crack length of V: unit pixel edges between a V pixel and a non-V pixel or the photo border,
    /// px (the perimeter of Donnelly's edge correction).
    /// </summary>
    public long PerimeterPx()
    {
        long total = 0;
        int w = Width, h = Height;
        Parallel.For(0, h, () => 0L, (y, _, p) =>
        {
            // Outside the photo counts as not in V (empty neighbouring rows at the top and bottom).
            var above = y > 0 ? _in.AsSpan((y - 1) * w, w) : default;
            var below = y < h - 1 ? _in.AsSpan((y + 1) * w, w) : default;
            return p + CrackEdges.Row(_in.AsSpan(y * w, w), above, below);
        }, p => Interlocked.Add(ref total, p));
        return total;
    }

    /// <summary>Pixels of V in each cell of a grid of square cells of side <paramref name="cellPx"/> (cell (c, r) holds x ∈ [c·s, (c+1)·s), y ∈ [r·s, (r+1)·s)).</summary>
    internal long[] CellFill(double cellPx, out int cols, out int rows)
    {
        int gw = cols = (int)Math.Floor((Width - 1) / cellPx) + 1, gh = rows = (int)Math.Floor((Height - 1) / cellPx) + 1;
        var colCell = new int[Width];
        for (int x = 0; x < Width; x++)
        {
            colCell[x] = (int)Math.Floor(x / cellPx);
        }

        var fill = new long[gw * gh];
        int w = Width;

        // colCell never decreases along x, so each cell's columns are one run [runStart[c], runStart[c + 1]):
        // a row's cells are counted run by run.
        var runStart = new int[gw + 1];
        for (int c = 0, x = 0; c <= gw; c++)
        {
            while (x < w && colCell[x] < c)
            {
                x++;
            }

            runStart[c] = x;
        }

        // One task per row of cells: each owns its cells' counters, so no counter is shared.
        Parallel.For(0, gh, r =>
        {
            // One row of margin either side: the floor test below decides, so rounding of r·s cannot drop a row.
            int y0 = Math.Max(0, (int)Math.Ceiling(r * cellPx) - 1), y1 = Math.Min(Height, (int)Math.Ceiling((r + 1) * cellPx) + 1);
            var cells = fill.AsSpan(r * gw, gw);
            for (int y = y0; y < y1; y++)
            {
                if ((int)Math.Floor(y / cellPx) != r)
                {
                    continue;
                }

                var row = _in.AsSpan(y * w, w);
                for (int c = 0; c < gw; c++)
                {
                    cells[c] += MembershipCount.Count(row[runStart[c]..runStart[c + 1]]);
                }
            }
        });
        return fill;
    }
}
