using ProgressVision.Analysis.Change;
using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Tests.Change;

public sealed class DotMatcherTests
{
    // AFTER → BEFORE: rotate 5°, scale 1.02, shift (7, −4). Its inverse places BEFORE dots in AFTER.
    private static readonly double Cos = Math.Cos(5 * Math.PI / 180) * 1.02, Sin = Math.Sin(5 * Math.PI / 180) * 1.02;

    private static (double X, double Y) AfterToBefore(double x, double y) => ((Cos * x) - (Sin * y) + 7, (Sin * x) + (Cos * y) - 4);

    private static (double X, double Y) BeforeToAfter(double x, double y)
    {
        double u = x - 7, v = y + 4, det = (Cos * Cos) + (Sin * Sin);
        return (((Cos * u) + (Sin * v)) / det, ((-Sin * u) + (Cos * v)) / det);
    }

    private sealed record Scenario(List<PigmentDot> Before, List<PigmentDot> After, int Lost, int Faded, int New, (int, int, int, int) FadedBlock);

    private static Scenario Build()
    {
        var before = new List<PigmentDot>();
        var after = new List<PigmentDot>();
        int lost = 0, faded = 0, added = 0;
        var rng = new Random(3);
        for (int j = 0; j < 15; j++)
        {
            for (int i = 0; i < 20; i++)
            {
                double x = 40 + (20 * i), y = 40 + (20 * j);
                before.Add(new PigmentDot(x, y, 3, 0.6, 1));
                bool isLost = i % 7 == 3 && j % 5 == 1;
                bool isFaded = i is >= 12 and <= 15 && j is >= 3 and <= 6;
                if (isLost)
                {
                    lost++;
                    continue;
                }

                var (ax, ay) = BeforeToAfter(x, y);

                // Up to 1 px of detection/alignment jitter; faded dots keep 50% contrast, the rest ≥ 85%.
                ax += rng.NextDouble() - 0.5;
                ay += rng.NextDouble() - 0.5;
                double c = isFaded ? 0.3 : 0.6 * (0.85 + (0.3 * rng.NextDouble()));
                faded += isFaded ? 1 : 0;
                after.Add(new PigmentDot(ax, ay, 3, c, 1));
            }
        }

        // New dots half-way between lattice rows.
        for (int i = 0; i < 20; i += 4)
        {
            var (ax, ay) = BeforeToAfter(40 + (20 * i), 50);
            after.Add(new PigmentDot(ax, ay, 3, 0.6, 1));
            added++;
        }

        return new Scenario(before, after, lost, faded, added, (12, 15, 3, 6));
    }

    [Fact]
    public void Labels_lost_faded_new_and_retained_dots_of_a_known_pair()
    {
        var s = Build();
        var m = new DotMatcher();
        var changes = m.Match(s.Before, s.After, AfterToBefore, (480, 380), (600, 500));
        var sum = m.Summarise(changes);
        Assert.Equal(s.Lost, sum.Lost);
        Assert.Equal(s.Faded, sum.Faded);
        Assert.Equal(s.New, sum.New);
        Assert.Equal(s.Before.Count - s.Lost - s.Faded, sum.Retained);
        Assert.Equal(sum.Retained / (double)s.Before.Count, sum.RetentionRate, 12);

        // Every faded label sits on a dot of the faded block.
        foreach (var c in changes.Where(c => c.Label == DotChangeLabel.Faded))
        {
            int i = (int)Math.Round((c.X - 40) / 20), j = (int)Math.Round((c.Y - 40) / 20);
            Assert.InRange(i, 12, 15);
            Assert.InRange(j, 3, 6);
        }
    }

    [Fact]
    public void Fading_clusters_where_the_faded_block_is()
    {
        var s = Build();
        var m = new DotMatcher(new DotMatchOptions { ClusterCellPx = 40, ClusterMinDots = 2 });
        var sum = m.Summarise(m.Match(s.Before, s.After, AfterToBefore, (480, 380), (600, 500)));

        // Block of columns 12..15, rows 3..6 → x 280..340, y 100..160 in BEFORE pixels. With 40 px
        // cells each edge cell holds 2 faded of 4 dots (share 0.5), so every block cell is hot.
        var box = Assert.Single(sum.FadeClusters);
        Assert.InRange(box[0], 279, 281);
        Assert.InRange(box[1], 99, 101);
        Assert.InRange(box[0] + box[2], 339, 341);
        Assert.InRange(box[1] + box[3], 159, 161);
    }

    [Fact]
    public void Dots_outside_what_the_after_photo_shows_are_neither_lost_nor_new()
    {
        var s = Build();

        // AFTER shows only x < 200 of its own frame; the BEFORE dots mapped beyond it must be ignored.
        var changes = new DotMatcher().Match(s.Before, s.After, AfterToBefore, (480, 380), (200, 500));
        Assert.NotEmpty(changes);
        foreach (var c in changes)
        {
            var (ax, _) = BeforeToAfter(c.X, c.Y);
            Assert.True(ax < 200, $"change at BEFORE ({c.X:F0},{c.Y:F0}) lies outside the AFTER frame (x {ax:F0})");
        }

        // BEFORE dots that the AFTER frame does show are still matched.
        Assert.Contains(changes, c => c.Label == DotChangeLabel.Retained);
    }

    [Fact]
    public void Rejects_a_fade_fraction_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DotMatcher(new DotMatchOptions { FadeFraction = 1.5 }));
    }
}
