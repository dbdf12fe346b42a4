using ProgressVision.Synth.Camera;

namespace ProgressVision.Synth.Truth;

/// <summary>Computes <see cref="TruthMetrics"/> exactly as <see cref="TruthDefinitions"/> states.</summary>
public static class TruthMetricsCalculator
{
    /// <summary>Metrics of the counted dots over the treated visible scalp of <paramref name="masks"/>.</summary>
    /// <param name="dots">The photo's dots (only <see cref="ImageDot.Counted"/> ones are used).</param>
    /// <param name="masks">The photo's masks.</param>
    /// <param name="projection">Exact projection (for world areas); null gives world area from <paramref name="mmPerPx"/>.</param>
    /// <param name="mmPerPx">Nominal scale, used for the 5 mm grid.</param>
    public static TruthMetrics Compute(IReadOnlyList<ImageDot> dots, PhotoMasks masks, PhotoProjection? projection, double mmPerPx)
    {
        ArgumentNullException.ThrowIfNull(dots);
        ArgumentNullException.ThrowIfNull(masks);
        int w = masks.Regions.Width, h = masks.Regions.Height;
        var inV = new bool[w * h];
        long area = 0, perimeter = 0;
        double pigment = 0, worldArea = 0;
        var pig = masks.Pigment.Span;
        const int block = 16;
        for (int y = 0; y < h; y++)
        {
            double blockArea = 0;
            for (int x = 0; x < w; x++)
            {
                if (x % block == 0)
                {
                    // The footprint varies smoothly (perspective, curvature): one exact value per 16 px.
                    blockArea = projection is null ? mmPerPx * mmPerPx : projection.PixelAreaMm2(Math.Min(x + (block / 2), w - 1), y);
                }

                if (masks.IsTreatedVisible(x, y))
                {
                    inV[(y * w) + x] = true;
                    area++;
                    pigment += pig[(y * w) + x];
                    worldArea += blockArea;
                }
            }
        }

        // Crack length: unit edges between V and not-V (the image border counts as not-V).
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (!inV[(y * w) + x])
                {
                    continue;
                }

                if (x == 0 || !inV[(y * w) + x - 1]) perimeter++;
                if (x == w - 1 || !inV[(y * w) + x + 1]) perimeter++;
                if (y == 0 || !inV[((y - 1) * w) + x]) perimeter++;
                if (y == h - 1 || !inV[((y + 1) * w) + x]) perimeter++;
            }
        }

        var counted = dots.Where(d => d.Counted).ToList();
        int n = counted.Count;
        var nn = NearestNeighbourDistances(counted);
        double meanNn = n >= 2 ? nn.Average() : 0;
        double nnCv = n >= 2 ? PopulationSd(nn) / meanNn : 0;
        double clarkEvans = 0;
        if (n >= 2 && area > 0)
        {
            double expected = (0.5 * Math.Sqrt(area / (double)n)) + ((0.0514 + (0.041 / Math.Sqrt(n))) * perimeter / n);
            clarkEvans = meanNn / expected;
        }

        var sizes = counted.Select(d => d.DiameterPx).ToList();
        double sizeCv = n >= 2 ? PopulationSd(sizes) / sizes.Average() : 0;

        double cell = TruthDefinitions.LocalGridMm / mmPerPx;
        int cols = (int)Math.Ceiling(w / cell), rows = (int)Math.Ceiling(h / cell);
        var cellArea = new long[cols * rows];
        var cellDots = new int[cols * rows];
        for (int y = 0; y < h; y++)
        {
            int cy = Math.Min(rows - 1, (int)Math.Floor(y / cell));
            for (int x = 0; x < w; x++)
            {
                if (inV[(y * w) + x])
                {
                    cellArea[(cy * cols) + Math.Min(cols - 1, (int)Math.Floor(x / cell))]++;
                }
            }
        }

        foreach (var d in counted)
        {
            int px = (int)Math.Round(d.X, MidpointRounding.AwayFromZero), py = (int)Math.Round(d.Y, MidpointRounding.AwayFromZero);
            cellDots[(Math.Min(rows - 1, (int)Math.Floor(py / cell)) * cols) + Math.Min(cols - 1, (int)Math.Floor(px / cell))]++;
        }

        var densities = new List<double>();
        for (int i = 0; i < cellArea.Length; i++)
        {
            if (cellArea[i] >= TruthDefinitions.LocalGridMinFill * cell * cell)
            {
                densities.Add(cellDots[i] / (double)cellArea[i]);
            }
        }

        double localCv = densities.Count >= 2 && densities.Average() > 0 ? PopulationSd(densities) / densities.Average() : 0;
        return new TruthMetrics
        {
            Coverage = area > 0 ? pigment / area : 0,
            DotCount = n,
            TreatedVisibleAreaPx = area,
            TreatedVisibleAreaMm2 = worldArea,
            DensityPerCm2 = worldArea > 0 ? n / (worldArea / 100.0) : 0,
            DensityPer1000Px2 = area > 0 ? 1000.0 * n / area : 0,
            NnCv = nnCv,
            MeanNnDistancePx = meanNn,
            ClarkEvansR = clarkEvans,
            PerimeterPx = perimeter,
            SizeCv = sizeCv,
            LocalDensityCv = localCv,
            LocalGridCellPx = cell,
            LocalGridCells = densities.Count,
        };
    }

    /// <summary>Distance from each point to its nearest other point (uniform-grid search).</summary>
    public static List<double> NearestNeighbourDistances(IReadOnlyList<ImageDot> pts)
    {
        var result = new List<double>(pts.Count);
        if (pts.Count < 2)
        {
            return result;
        }

        double minX = pts.Min(p => p.X), minY = pts.Min(p => p.Y), maxX = pts.Max(p => p.X), maxY = pts.Max(p => p.Y);
        double cell = Math.Max(1.0, Math.Sqrt(Math.Max(1, (maxX - minX) * (maxY - minY)) / pts.Count) * 1.5);
        int cols = (int)((maxX - minX) / cell) + 1, rows = (int)((maxY - minY) / cell) + 1;
        var grid = new List<int>[cols * rows];
        for (int i = 0; i < pts.Count; i++)
        {
            int c = (int)((pts[i].X - minX) / cell), r = (int)((pts[i].Y - minY) / cell);
            (grid[(r * cols) + c] ??= []).Add(i);
        }

        for (int i = 0; i < pts.Count; i++)
        {
            int c = (int)((pts[i].X - minX) / cell), r = (int)((pts[i].Y - minY) / cell);
            double best = double.MaxValue;
            for (int ring = 0; ; ring++)
            {
                for (int rr = r - ring; rr <= r + ring; rr++)
                {
                    for (int cc = c - ring; cc <= c + ring; cc++)
                    {
                        if (rr < 0 || cc < 0 || rr >= rows || cc >= cols || (Math.Abs(rr - r) != ring && Math.Abs(cc - c) != ring) || grid[(rr * cols) + cc] is not { } list)
                        {
                            continue;
                        }

                        foreach (int j in list)
                        {
                            if (j == i)
                            {
                                continue;
                            }

                            double dx = pts[j].X - pts[i].X, dy = pts[j].Y - pts[i].Y;
                            best = Math.Min(best, (dx * dx) + (dy * dy));
                        }
                    }
                }

                // Every point not yet visited lies beyond ring·cell; stop once the best is closer.
                if (best <= (ring * cell) * (ring * cell) || ring > Math.Max(rows, cols))
                {
                    break;
                }
            }

            result.Add(Math.Sqrt(best));
        }

        return result;
    }

    private static double PopulationSd(IReadOnlyList<double> v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Count);
    }
}
