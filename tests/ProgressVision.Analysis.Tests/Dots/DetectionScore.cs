using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Tests.Dots;

/// <summary>Precision/recall/F1 of detections against truth, by greedy one-to-one matching within a distance.</summary>
public static class DetectionScore
{
    public static (double Precision, double Recall, double F1, List<(int Truth, int Found)> Pairs) Score(
        IReadOnlyList<(double X, double Y, double R)> truth, IReadOnlyList<PigmentDot> found, Func<int, double> tolerance)
    {
        var pairs = new List<(double D, int T, int F)>();
        for (int t = 0; t < truth.Count; t++)
        {
            double tol = tolerance(t);
            for (int f = 0; f < found.Count; f++)
            {
                double dx = truth[t].X - found[f].X, dy = truth[t].Y - found[f].Y, d = Math.Sqrt((dx * dx) + (dy * dy));
                if (d <= tol)
                {
                    pairs.Add((d, t, f));
                }
            }
        }

        pairs.Sort((a, b) => a.D.CompareTo(b.D));
        var ut = new bool[truth.Count];
        var uf = new bool[found.Count];
        var matched = new List<(int, int)>();
        foreach (var (_, t, f) in pairs)
        {
            if (!ut[t] && !uf[f])
            {
                ut[t] = uf[f] = true;
                matched.Add((t, f));
            }
        }

        double p = found.Count == 0 ? 0 : (double)matched.Count / found.Count;
        double r = truth.Count == 0 ? 0 : (double)matched.Count / truth.Count;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), matched);
    }
}
