using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Tests.Dots;

public class BlobRowCandidatesTests
{
    [Fact]
    public void Hand_worked_row_gives_the_peaks_above_the_threshold_with_the_tie_rule()
    {
        // x:            0    1    2    3    4    5    6    7    8    9   10
        float[] row = [5f, 1f, 3f, 2f, 4f, 4f, 0f, 9f, 9f, 9f, 1f];
        var positions = new int[row.Length];

        // x = 2 (3 > 1, 3 ≥ 2); x = 4 (4 > 2, 4 ≥ 4: ties go to the first); x = 5 fails 4 > 4; x = 7
        // (9 > 0, 9 ≥ 9); x = 8, 9 fail 9 > 9. x = 0 and x = 10 have no two neighbours.
        int n = BlobRowCandidates.Find(row, 2.5f, positions);
        Assert.Equal([2, 4, 7], positions[..n]);

        // A threshold above 3 drops x = 2; x = 4 is kept at exactly the threshold.
        n = BlobRowCandidates.Find(row, 4f, positions);
        Assert.Equal([4, 7], positions[..n]);
    }

    [Trait("Category", "KernelEquivalence")]
    [Fact]
    public void Vector_scan_equals_the_scalar_reference_at_every_width_1_to_67()
    {
        var rng = new Random(4242);
        for (int w = 1; w <= 67; w++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                var row = new float[w];
                for (int x = 0; x < w; x++)
                {
                    // Few distinct values so ties are common; some NaN and infinities.
                    int pick = rng.Next(40);
                    row[x] = pick switch { 0 => float.NaN, 1 => float.PositiveInfinity, 2 => float.NegativeInfinity, _ => rng.Next(6) - 2 };
                }

                float threshold = trial % 4 == 0 ? float.NegativeInfinity : rng.Next(5) - 2;
                var fast = new int[w];
                var reference = new int[w];
                int nf = BlobRowCandidates.Find(row, threshold, fast);
                int nr = BlobRowCandidates.FindScalar(row, threshold, reference);
                Assert.True(nr == nf, $"w {w}, trial {trial}: {nf} positions vs {nr}");
                Assert.Equal(reference[..nr], fast[..nf]);
            }
        }
    }

    [Fact]
    public void Refuses_a_position_buffer_shorter_than_the_row()
    {
        var ex = Assert.Throws<ArgumentException>(() => BlobRowCandidates.Find(new float[10], 0, new int[9]));
        Assert.Contains("10 pixels", ex.Message);
    }
}
