using ProgressVision.Analysis.Change;
using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Tests.Change;

public class DotChangeAnalysisTests
{
    [Fact]
    public void Labels_retained_faded_lost_and_new_through_the_mapping()
    {
        // BEFORE: a 10×10 lattice, 20 px apart, radius 3, contrast 0.5. AFTER is the same scene shifted
        // by (+7, −4) px (so AFTER→BEFORE subtracts it), with:
        //   row 0 → contrast 0.2 (faded: 0.2 < 0.65 × 0.5), row 1 → gone (lost), the rest retained with
        //   0.5 ± 0.3 px jitter, plus 6 new dots between lattice points.
        var before = new List<PigmentDot>();
        var after = new List<PigmentDot>();
        var rng = new Random(3);
        for (int r = 0; r < 10; r++)
        {
            for (int c = 0; c < 10; c++)
            {
                double x = 50 + (20 * c), y = 50 + (20 * r);
                before.Add(new PigmentDot(x, y, 3, 0.5, 1));
                if (r == 1)
                {
                    continue;
                }

                double contrast = r == 0 ? 0.2 : 0.5;
                after.Add(new PigmentDot(x + 7 + ((rng.NextDouble() - 0.5) * 0.6), y - 4 + ((rng.NextDouble() - 0.5) * 0.6), 3, contrast, 1));
            }
        }

        for (int k = 0; k < 6; k++)
        {
            after.Add(new PigmentDot(60 + (20 * k) + 7, 160 - 4, 3, 0.5, 1));
        }

        var result = DotChangeAnalysis.Compare(before, after, (x, y) => (x - 7, y + 4), (_, _) => true, (_, _) => true);
        var s = result.Summary;
        Assert.Equal(80, s.Retained);
        Assert.Equal(10, s.Faded);
        Assert.Equal(10, s.Lost);
        Assert.Equal(6, s.New);
        Assert.Equal(0.9, s.RetentionRate, 4); // (80 + 10) / 100
        // Rows 0 and 1 (y = 50 and 70) are all faded or lost: one cluster spanning the cells that hold them.
        var box = Assert.Single(s.FadeClusters);
        Assert.Equal(0, box[1]);
        Assert.True(box[0] <= 50 && box[0] + box[2] >= 230, $"cluster box {string.Join(",", box)} should span the two rows");
    }

    [Fact]
    public void Fade_is_judged_against_what_the_AFTER_photo_does_to_every_dot()
    {
        // A softer AFTER photo: every dot of a 10×10 lattice reads 0.6 of its BEFORE contrast (0.3 of 0.5), below the
        // fixed 0.65 limit, and row 0 really faded to 0.15 (0.3 of the typical ratio). The transfer is the median
        // ratio, 0.6; faded means below 0.65 × 0.6 × 0.5 = 0.195: row 0 only.
        var before = new List<PigmentDot>();
        var after = new List<PigmentDot>();
        for (int r = 0; r < 10; r++)
        {
            for (int c = 0; c < 10; c++)
            {
                before.Add(new PigmentDot(50 + (20 * c), 50 + (20 * r), 3, 0.5, 1));
                after.Add(new PigmentDot(50 + (20 * c), 50 + (20 * r), 3, r == 0 ? 0.15 : 0.3, 1));
            }
        }

        var s = DotChangeAnalysis.Compare(before, after, (x, y) => (x, y), (_, _) => true, (_, _) => true).Summary;
        Assert.Equal(0.6, s.ContrastTransfer!.Value, 3);
        Assert.Equal(10, s.Faded);
        Assert.Equal(90, s.Retained);

        // Under 30 matched dots the median would follow the fade itself: raw ratios (transfer 1), all 20 faded.
        var few = DotChangeAnalysis.Compare(before.Take(20).ToList(), after.Take(20).ToList(), (x, y) => (x, y), (_, _) => true, (_, _) => true).Summary;
        Assert.Equal(1, few.ContrastTransfer!.Value);
        Assert.Equal(20, few.Faded);
    }

    [Fact]
    public void A_dot_the_AFTER_detector_missed_is_lost_only_when_the_photo_shows_its_contrast_fell()
    {
        // A 10×10 lattice, contrast 0.5 in both photos, except that the AFTER detector missed row 1. Asked at those
        // places, the AFTER photo shows columns 0–4 at contrast 0.45 (0.9 of BEFORE: above 0.65 × transfer 1.0, ink
        // still there), columns 5–7 at 0.2 (0.4 of BEFORE: a faint remnant) and nothing at columns 8–9. Retained 90 + 5,
        // lost 5; without the probe all 10 are lost.
        var before = new List<PigmentDot>();
        var after = new List<PigmentDot>();
        for (int r = 0; r < 10; r++)
        {
            for (int c = 0; c < 10; c++)
            {
                before.Add(new PigmentDot(50 + (20 * c), 50 + (20 * r), 3, 0.5, 1));
                if (r != 1)
                {
                    after.Add(new PigmentDot(50 + (20 * c), 50 + (20 * r), 3, 0.5, 1));
                }
            }
        }

        PigmentDot? Probe(PigmentDot bd)
        {
            int c = (int)Math.Round((bd.X - 50) / 20);
            return c <= 4 ? new PigmentDot(bd.X, bd.Y, 3, 0.45, 0) : c <= 7 ? new PigmentDot(bd.X, bd.Y, 2, 0.2, 0) : null;
        }

        var probed = DotChangeAnalysis.Compare(before, after, (x, y) => (x, y), (_, _) => true, (_, _) => true, probeAfter: Probe);
        Assert.Equal(95, probed.Summary.Retained);
        Assert.Equal(5, probed.Summary.Lost);
        Assert.All(probed.Entries.Where(e => e.Fate == DotFate.Lost), e => Assert.True(e.X >= 150 && e.After is null));
        Assert.Contains(probed.Entries, e => e.Fate == DotFate.Retained && e.After is { Contrast: 0.45 });
        Assert.Equal(10, DotChangeAnalysis.Compare(before, after, (x, y) => (x, y), (_, _) => true, (_, _) => true).Summary.Lost);
    }

    [Fact]
    public void Fade_is_judged_against_the_dots_around_where_the_light_changed_across_the_photo()
    {
        // A 40×10 lattice, 20 px apart. The light changed between the sessions: columns 24–39 (x ≥ 480) read 0.55 of
        // their BEFORE contrast, columns 0–23 all of it, and a 3×3 patch in columns 2–4, rows 3–5 really faded to 0.3.
        // Pair-wide median: 9 × 0.3, 160 × 0.55, 231 × 1.0 → 1.0, so the whole dim side (0.55 < 0.65 × 1.0) would be
        // faded too (169 dots). Against the matched dots within 150 px (≥ 30 everywhere: 52 at a corner) the dim
        // side's median is 0.55 (every dim dot has more dim than bright dots around it: its own column is dim), the
        // patch's 1.0: 9 faded.
        var before = new List<PigmentDot>();
        var after = new List<PigmentDot>();
        for (int r = 0; r < 10; r++)
        {
            for (int c = 0; c < 40; c++)
            {
                double ratio = c >= 24 ? 0.55 : c is >= 2 and <= 4 && r is >= 3 and <= 5 ? 0.3 : 1.0;
                before.Add(new PigmentDot(20 * c, 20 * r, 3, 0.5, 1));
                after.Add(new PigmentDot(20 * c, 20 * r, 3, 0.5 * ratio, 1));
            }
        }

        var result = DotChangeAnalysis.Compare(before, after, (x, y) => (x, y), (_, _) => true, (_, _) => true, new DotChangeOptions { LocalTransferRadiusPx = 150 });
        Assert.Equal(1.0, result.Summary.ContrastTransfer!.Value, 3);
        Assert.Equal(9, result.Summary.Faded);
        Assert.Equal(391, result.Summary.Retained);
        Assert.All(result.Entries.Where(e => e.Fate == DotFate.Faded), e => Assert.InRange(e.X, 40, 80));
    }

    [Fact]
    public void Dots_the_after_photo_cannot_see_are_not_lost()
    {
        var before = new List<PigmentDot> { new(10, 10, 3, 0.5, 1), new(500, 10, 3, 0.5, 1) };
        var after = new List<PigmentDot> { new(10, 10, 3, 0.5, 1) };
        var result = DotChangeAnalysis.Compare(before, after, (x, y) => (x, y), (x, _) => x < 300, (_, _) => true);
        Assert.Equal(1, result.Summary.Retained);
        Assert.Equal(0, result.Summary.Lost);
    }

    [Fact]
    public void One_after_dot_is_never_matched_twice()
    {
        var before = new List<PigmentDot> { new(10, 10, 3, 0.5, 1), new(12, 10, 3, 0.5, 1) };
        var after = new List<PigmentDot> { new(11.8, 10, 3, 0.5, 1) };
        var result = DotChangeAnalysis.Compare(before, after, (x, y) => (x, y), (_, _) => true, (_, _) => true);
        Assert.Equal(1, result.Summary.Retained);
        Assert.Equal(1, result.Summary.Lost);
        Assert.Equal(12, result.Entries.Single(e => e.Fate == DotFate.Retained).Before!.Value.X);
    }
}
