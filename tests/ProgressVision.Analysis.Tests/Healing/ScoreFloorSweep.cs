using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// Region-level counts of a class's flags kept at each of several score floors (a flag is kept when its score,
/// the model's highest tile probability in it, reaches the floor): the precision–recall trade of an operating
/// point, gathered on calibration seeds to choose the analyser's per-class score floors, never on held-out ones.
/// </summary>
internal sealed class ScoreFloorSweep
{
    /// <summary>Floors swept, 0.60–0.99 by 0.01 (0.6 is the tile threshold: every flag passes it).</summary>
    public static readonly double[] Floors = Enumerable.Range(60, 40).Select(p => p / 100.0).ToArray();

    private readonly List<HealingRegionScore.Counts>[] _byFloor = Floors.Select(_ => new List<HealingRegionScore.Counts>()).ToArray();

    /// <summary>Scores <paramref name="flags"/> against a pair's <paramref name="truth"/> at every floor.</summary>
    public void Add(HealingRegionScore.Truth truth, IReadOnlyList<HealingFlag> flags)
    {
        for (int i = 0; i < Floors.Length; i++)
        {
            double floor = Floors[i];
            _byFloor[i].Add(HealingRegionScore.Score(truth, flags.Where(f => f.Score >= floor).ToList()));
        }
    }

    /// <summary>Prints TP/FP/FN/F1 per class and clean pairs flagged, one line per floor.</summary>
    public void Print(ITestOutputHelper output)
    {
        var classes = HealingFlagTypes.ModelClasses;
        for (int i = 0; i < Floors.Length; i++)
        {
            var parts = Enumerable.Range(1, classes.Count - 1).Select(k =>
            {
                var (tp, fp, fn, f1) = HealingRegionScore.Counts.Total(_byFloor[i], k);
                return $"{classes[k]} {tp}/{fp}/{fn} {f1:0.000}";
            });
            var all = _byFloor[i];
            output.WriteLine($"floor {Floors[i]:0.00}: {string.Join("; ", parts)}; clean flagged {all.Count(c => c.Clean && c.Fp.Sum() > 0)}/{all.Count(c => c.Clean)}");
        }
    }
}
