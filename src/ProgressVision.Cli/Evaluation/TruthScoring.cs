using ProgressVision.Analysis.Dots;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Rendering;

namespace ProgressVision.Cli.Evaluation;

/// <summary>
/// Scores pipeline output against Synth truth with the same definitions as the component accuracy
/// tests (tests/ProgressVision.Analysis.Tests: SynthDotScoring, SynthAlignmentTests), so the
/// end-to-end table and the component tests measure the same quantities.
/// </summary>
public static class TruthScoring
{
    /// <summary>
    /// Dot detection against the photo's Counted truth dots (visible, centre in the true treated visible
    /// scalp). Detections are those whose rounded centre lies in that same true area; a match is
    /// one-to-one (greedy by distance) within max(1.5 px, the truth radius).
    /// </summary>
    public static DotScore ScoreDots(RenderedPhoto photo, IReadOnlyList<PigmentDot> found)
    {
        var masks = photo.Masks;
        int w = photo.Truth.Width, h = photo.Truth.Height;
        var truth = photo.Truth.Dots.Where(d => d.Counted).ToList();
        var det = found.Where(d =>
        {
            int ix = (int)Math.Round(d.X, MidpointRounding.AwayFromZero), iy = (int)Math.Round(d.Y, MidpointRounding.AwayFromZero);
            return (uint)ix < (uint)w && (uint)iy < (uint)h && masks.IsTreatedVisible(ix, iy);
        }).ToList();

        var pairs = new List<(double D, int T, int F)>();
        for (int t = 0; t < truth.Count; t++)
        {
            double tol = Math.Max(1.5, truth[t].DiameterPx / 2);
            for (int f = 0; f < det.Count; f++)
            {
                double dx = truth[t].X - det[f].X, dy = truth[t].Y - det[f].Y, d = Math.Sqrt((dx * dx) + (dy * dy));
                if (d <= tol)
                {
                    pairs.Add((d, t, f));
                }
            }
        }

        // Greedy nearest-first one-to-one assignment: a detection cannot explain two truth dots.
        pairs.Sort((a, b) => a.D.CompareTo(b.D));
        var usedT = new bool[truth.Count];
        var usedF = new bool[det.Count];
        int matched = 0;
        foreach (var (_, t, f) in pairs)
        {
            if (!usedT[t] && !usedF[f])
            {
                usedT[t] = usedF[f] = true;
                matched++;
            }
        }

        double p = det.Count == 0 ? 0 : (double)matched / det.Count;
        double r = truth.Count == 0 ? 0 : (double)matched / truth.Count;
        return new DotScore(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), truth.Count, det.Count);
    }

    /// <summary>
    /// Alignment error over the BEFORE photo's treated visible scalp (4 px grid): for each such pixel
    /// whose true AFTER position lies inside AFTER, the distance between the pixel and where the
    /// estimated AFTER→BEFORE mapping sends that true AFTER position.
    /// </summary>
    public static AlignmentScore ScoreAlignment(SynthPair pair, Func<double, double, (double X, double Y)> mapAfterToBefore)
    {
        var errs = new List<double>();
        var masks = pair.Before.Masks;
        int aw = pair.After.Rgb.Width, ah = pair.After.Rgb.Height;
        for (int y = 0; y < pair.Before.Rgb.Height; y += 4)
        {
            for (int x = 0; x < pair.Before.Rgb.Width; x += 4)
            {
                if (!masks.IsTreatedVisible(x, y))
                {
                    continue;
                }

                var (ax, ay) = pair.MapBeforeToAfter(x, y);
                if (ax < 0 || ay < 0 || ax > aw - 1 || ay > ah - 1)
                {
                    continue;
                }

                var (bx, by) = mapAfterToBefore(ax, ay);
                errs.Add(Math.Sqrt(((bx - x) * (bx - x)) + ((by - y) * (by - y))));
            }
        }

        errs.Sort();
        return errs.Count == 0
            ? new AlignmentScore(double.NaN, double.NaN, 0)
            : new AlignmentScore(errs[errs.Count / 2], errs[(int)(0.95 * (errs.Count - 1))], errs.Count);
    }

    /// <summary>Spearman rank correlation (average ranks for ties); NaN with fewer than 3 points.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(a.Count, b.Count);
        if (a.Count < 3)
        {
            return double.NaN;
        }

        double[] ra = Ranks(a), rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < ra.Length; i++)
        {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }

        return saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }

    private static double[] Ranks(IReadOnlyList<double> v)
    {
        var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var ranks = new double[v.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]])
            {
                j++;
            }

            // Tied values share the mean of the ranks they span.
            double r = (i + j) / 2.0;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = r;
            }

            i = j + 1;
        }

        return ranks;
    }
}

/// <summary>Detection precision, recall and F1 with the truth and detection counts.</summary>
public sealed record DotScore(double Precision, double Recall, double F1, int Truth, int Found);

/// <summary>Alignment error percentiles, px, over <paramref name="Points"/> sampled treated pixels.</summary>
public sealed record AlignmentScore(double MedianPx, double P95Px, int Points);
