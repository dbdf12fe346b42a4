using ProgressVision.Synth.Rendering;

namespace ProgressVision.Synth.Truth;

/// <summary>Builds the pair truth (exact mapping grid, best homography, dot change) of two rendered photos.</summary>
public static class PairTruthBuilder
{
    /// <summary>Grid step of <see cref="PairTruth.Grid"/>, px.</summary>
    public const int GridStep = 16;

    /// <summary>Exact BEFORE position of AFTER pixel (x, y), through the scalp plane.</summary>
    public static (double X, double Y) MapAfterToBefore(RenderedPhoto before, RenderedPhoto after, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (wx, wy) = after.Projection.ImageToWorldPoint(x, y);
        return before.Projection.WorldToImagePoint(wx, wy);
    }

    /// <summary>Builds the truth.</summary>
    public static PairTruth Build(RenderedPhoto before, RenderedPhoto after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        int wa = after.Truth.Width, ha = after.Truth.Height, wb = before.Truth.Width, hb = before.Truth.Height;
        int cols = ((wa - 1) / GridStep) + 1, rows = ((ha - 1) / GridStep) + 1;
        var gx = new double?[cols * rows];
        var gy = new double?[cols * rows];
        var src = new List<(double X, double Y)>();
        var dst = new List<(double X, double Y)>();
        int inside = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                int x = c * GridStep, y = r * GridStep;
                var (bx, by) = MapAfterToBefore(before, after, x, y);
                bool inBefore = bx >= -0.5 && by >= -0.5 && bx <= wb - 0.5 && by <= hb - 0.5;
                if (inBefore)
                {
                    inside++;
                }

                if (inBefore && after.Masks.Regions[x, y] != RegionLabel.Background)
                {
                    gx[(r * cols) + c] = Math.Round(bx, 4);
                    gy[(r * cols) + c] = Math.Round(by, 4);
                    src.Add((x, y));
                    dst.Add((bx, by));
                }
            }
        }

        var plane = (before.Projection.WorldToImage * after.Projection.WorldToImage.Inverse()).Normalized();
        var best = src.Count >= 16 ? HomographyFit.Refine(src, dst, plane) : plane;
        double sum2 = 0, max = 0;
        for (int i = 0; i < src.Count; i++)
        {
            var (px, py) = best.Map(src[i].X, src[i].Y);
            double e = Math.Sqrt(((px - dst[i].X) * (px - dst[i].X)) + ((py - dst[i].Y) * (py - dst[i].Y)));
            sum2 += e * e;
            max = Math.Max(max, e);
        }

        return new PairTruth
        {
            AfterToBefore = best.ToArray(),
            HomographyRmsErrorPx = src.Count > 0 ? Math.Sqrt(sum2 / src.Count) : 0,
            HomographyMaxErrorPx = max,
            Overlap = inside / (double)(cols * rows),
            Grid = new TruthWarpGrid(GridStep, cols, rows, gx, gy),
            Change = Change(before, after),
        };
    }

    private static DotChangeTruth Change(RenderedPhoto before, RenderedPhoto after)
    {
        var b = before.Truth.Dots.ToDictionary(d => d.Id);
        int retained = 0, faded = 0, lost = 0, added = 0, blown = 0;
        foreach (var a in after.Truth.Dots)
        {
            if (b.TryGetValue(a.Id, out var bd))
            {
                if (!bd.Visible)
                {
                    continue;
                }

                switch (a.Condition)
                {
                    case "lost": lost++; break;
                    case "blowout": blown++; break;
                    case "faded": faded++; break;
                    default:
                        if (a.Visible) retained++; else faded++;
                        break;
                }
            }
            else if (a.PlacedInSession > before.Truth.Session && a.Visible)
            {
                var (bx, by) = MapAfterToBefore(before, after, a.X, a.Y);
                if (bx >= -0.5 && by >= -0.5 && bx <= before.Truth.Width - 0.5 && by <= before.Truth.Height - 0.5)
                {
                    added++;
                }
            }
        }

        return new DotChangeTruth(retained, faded, lost, added, blown);
    }
}
