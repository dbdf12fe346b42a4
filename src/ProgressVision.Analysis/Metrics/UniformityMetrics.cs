using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Metrics;

/// <summary>
/// Spacing and size uniformity of counted dots: nearest-neighbour distance CV, Clark–Evans R with
/// Donnelly's edge correction, dot-size CV and the CV of local density over a square grid.
/// Definitions match Synth's <c>TruthDefinitions</c> (population standard deviations throughout).
/// </summary>
public static class UniformityMetrics
{
    /// <summary>Nearest-neighbour distance of every point to another point (px); empty when fewer than 2.</summary>
    public static double[] NearestNeighbourDistances(IReadOnlyList<(double X, double Y)> points)
    {
        int n = points.Count;
        if (n < 2)
        {
            return [];
        }

        var index = new PointIndex(points);
        var d = new double[n];
        Parallel.For(0, n, i => d[i] = index.Nearest(points[i].X, points[i].Y, exclude: i).Distance);
        return d;
    }

    /// <summary>Population standard deviation ÷ mean; 0 for fewer than 2 values or a zero mean.</summary>
    public static double Cv(IReadOnlyCollection<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        double mean = values.Average();
        if (mean == 0)
        {
            return 0;
        }

        double var = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return Math.Sqrt(var) / mean;
    }

    /// <summary>
    /// Clark–Evans ratio R = mean NN distance ÷ (0.5·√(A/n) + (0.0514 + 0.041/√n)·P/n)
    /// (Donnelly 1978's expected mean NN distance for n random points in a region of area A and
    /// perimeter P). 0 for fewer than 2 points.
    /// </summary>
    public static double ClarkEvansR(double meanNn, int n, double areaPx, double perimeterPx)
    {
        if (n < 2 || areaPx <= 0)
        {
            return 0;
        }

        double expected = (0.5 * Math.Sqrt(areaPx / n)) + ((0.0514 + (0.041 / Math.Sqrt(n))) * perimeterPx / n);
        return meanNn / expected;
    }

    /// <summary>
    /// CV of local density over square cells of side <paramref name="cellPx"/> (cell (i, j) holds
    /// pixels with ⌊x/s⌋ = i, ⌊y/s⌋ = j); cells whose V-area is at least
    /// <paramref name="minFill"/>·s² enter, each with density = counted dots whose rounded centre
    /// lies in the cell ÷ its V-area.
    /// </summary>
    public static (double Cv, int Cells) LocalDensityCv(IReadOnlyList<PigmentDot> counted, MeasuredArea area, double cellPx, double minFill = 0.5)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellPx, 1.0);
        var fill = area.CellFill(cellPx, out int gw, out int gh);
        var count = new int[gw * gh];

        foreach (var d in counted)
        {
            int x = (int)Math.Round(d.X, MidpointRounding.AwayFromZero), y = (int)Math.Round(d.Y, MidpointRounding.AwayFromZero);
            if (area.Contains(x, y))
            {
                count[((int)Math.Floor(y / cellPx) * gw) + (int)Math.Floor(x / cellPx)]++;
            }
        }

        var densities = new List<double>();
        for (int i = 0; i < fill.Length; i++)
        {
            if (fill[i] >= minFill * cellPx * cellPx && fill[i] > 0)
            {
                densities.Add(count[i] / (double)fill[i]);
            }
        }

        return (Cv(densities), densities.Count);
    }

    /// <summary>All four uniformity measures of the counted dots of V.</summary>
    public static Uniformity Measure(IReadOnlyList<PigmentDot> counted, MeasuredArea area, double localCellPx)
    {
        ArgumentNullException.ThrowIfNull(counted);
        ArgumentNullException.ThrowIfNull(area);
        var nn = NearestNeighbourDistances(counted.Select(d => (d.X, d.Y)).ToList());
        double nnCv = Cv(nn);
        double r = nn.Length == 0 ? 0 : ClarkEvansR(nn.Average(), counted.Count, area.AreaPx, area.PerimeterPx());
        double sizeCv = Cv(counted.Select(d => 2 * d.Radius).ToList());
        var (local, _) = LocalDensityCv(counted, area, localCellPx);
        return new Uniformity(nnCv, r, sizeCv, local);
    }
}
