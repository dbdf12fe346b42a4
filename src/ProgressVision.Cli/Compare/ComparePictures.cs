using ProgressVision.Analysis.Change;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Metrics;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Drawing;

namespace ProgressVision.Cli.Compare;

/// <summary>The explanatory pictures of a comparison, drawn in BEFORE pixels unless stated.</summary>
public static class ComparePictures
{
    /// <summary>Checkerboard of BEFORE and AFTER-on-BEFORE: misalignment shows as broken edges at square borders.</summary>
    public static PixelBuffer<byte> Checkerboard(PairAnalysis a, int square = 96)
    {
        var img = a.Before.Clone();
        for (int y = 0; y < img.Height; y++)
        {
            var dst = img.Row(y);
            var src = a.AfterOnBefore.Row(y);
            var valid = a.Valid.Row(y);
            // Square by square rather than a division per pixel: only every other square of the row
            // takes AFTER pixels, and within it each valid run is copied at once.
            for (int sx = 1 - ((y / square) % 2); sx * square < img.Width; sx += 2)
            {
                int end = Math.Min((sx + 1) * square, img.Width);
                for (int x = sx * square; x < end; x++)
                {
                    if (valid[x] == 0)
                    {
                        continue;
                    }

                    int run = x;
                    while (run < end && valid[run] != 0)
                    {
                        run++;
                    }

                    src[(3 * x)..(3 * run)].CopyTo(dst[(3 * x)..(3 * run)]);
                    x = run;
                }
            }
        }

        return img;
    }

    /// <summary>AFTER photo with its dot-density heatmap and gaps (AFTER pixels).</summary>
    public static PixelBuffer<byte> Heatmap(PairAnalysis a) => Heatmap(a.After, a.AfterMeasurement, a.Result.After.Gaps);

    /// <summary>A photo with its dot-density heatmap and gaps (its own pixels).</summary>
    public static PixelBuffer<byte> Heatmap(PixelBuffer<byte> photo, PhotoMeasurement measurement, IReadOnlyList<Gap> gaps)
    {
        var img = photo.Clone();
        var canvas = new Rgb24Canvas(img);
        var h = measurement.Heatmap;
        double max = h.Values.Where(double.IsFinite).DefaultIfEmpty(1).Max();
        for (int r = 0; r < h.Rows; r++)
        {
            for (int c = 0; c < h.Cols; c++)
            {
                double v = h[c, r];
                if (double.IsFinite(v) && max > 0)
                {
                    var (cr, cg, cb) = Rgb24Canvas.HeatColor(v / max);
                    canvas.Fill(c * h.CellPx, r * h.CellPx, h.CellPx, h.CellPx, cr, cg, cb, 0.45f);
                }
            }
        }

        foreach (var gap in gaps)
        {
            for (int i = 0; i + 3 < gap.Polygon.Length + 2; i += 2)
            {
                int j = (i + 2) % gap.Polygon.Length;
                Line(canvas, gap.Polygon[i], gap.Polygon[i + 1], gap.Polygon[j], gap.Polygon[j + 1]);
            }
        }

        return img;
    }

    /// <summary>
    /// BEFORE photo with every dot's fate (green retained, orange faded, red lost, blue new), fade
    /// clusters (yellow) and healing flags (magenta boxes).
    /// </summary>
    public static PixelBuffer<byte> DotChange(PairAnalysis a)
    {
        var img = a.AfterOnBefore.Clone();
        var canvas = new Rgb24Canvas(img);
        foreach (var e in a.Change.Entries)
        {
            double r = (e.Before?.Radius ?? e.After?.Radius ?? 3) + 2;
            var (cr, cg, cb) = e.Fate switch
            {
                DotFate.Retained => ((byte)40, (byte)200, (byte)60),
                DotFate.Faded => ((byte)255, (byte)150, (byte)0),
                DotFate.Lost => ((byte)230, (byte)30, (byte)30),
                _ => ((byte)40, (byte)120, (byte)255),
            };
            canvas.Circle(e.X, e.Y, r, cr, cg, cb, 0.9f);
        }

        foreach (var box in a.Result.Change.FadeClusters)
        {
            canvas.Rectangle(box[0], box[1], box[2], box[3], 255, 230, 0, 0.9f, 3);
        }

        foreach (var f in a.Result.Flags)
        {
            canvas.Rectangle(f.Box[0], f.Box[1], f.Box[2], f.Box[3], 230, 0, 200, 1f, 4);
        }

        return img;
    }

    private static void Line(Rgb24Canvas c, double x0, double y0, double x1, double y1)
    {
        int n = (int)Math.Ceiling(Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0))) + 1;
        for (int i = 0; i <= n; i++)
        {
            double t = i / (double)n;
            c.Fill(x0 + (t * (x1 - x0)) - 1, y0 + (t * (y1 - y0)) - 1, 3, 3, 255, 255, 255, 0.9f);
        }
    }
}
