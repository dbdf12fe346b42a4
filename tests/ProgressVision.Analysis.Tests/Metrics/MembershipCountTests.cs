using ProgressVision.Analysis.Metrics;

namespace ProgressVision.Analysis.Tests.Metrics;

/// <summary>Counting pixels in V: vector body against a plain loop written here, and hand counts.</summary>
public sealed class MembershipCountTests
{
    [Trait("Category", "KernelEquivalence")]
    [Fact]
    public void Count_matches_a_plain_loop_at_every_length_and_offset()
    {
        var rng = new Random(77);
        var values = Enumerable.Range(0, 400).Select(_ => rng.Next(3) == 0).ToArray();
        for (int start = 0; start < 5; start++)
        {
            for (int n = 0; n <= 300; n++)
            {
                var span = values.AsSpan(start, n);
                int expected = 0;
                foreach (bool v in span)
                {
                    if (v)
                    {
                        expected++;
                    }
                }

                Assert.Equal(expected, MembershipCount.Count(span));
            }
        }
    }

    [Fact]
    public void Count_of_hand_made_spans()
    {
        Assert.Equal(0, MembershipCount.Count([]));
        Assert.Equal(100, MembershipCount.Count(Enumerable.Repeat(true, 100).ToArray()));
        Assert.Equal(34, MembershipCount.Count(Enumerable.Range(0, 100).Select(i => i % 3 == 0).ToArray()));
    }

    [Fact]
    public void Cell_fill_counts_each_cell_of_a_known_region()
    {
        // 10×7 image, the rectangle x 2..7, y 1..5 in V; cells of 4 px: columns 0-3, 4-7, 8-9 and rows 0-3, 4-6.
        var inside = new bool[10 * 7];
        for (int y = 1; y <= 5; y++)
        {
            for (int x = 2; x <= 7; x++)
            {
                inside[(y * 10) + x] = true;
            }
        }

        var area = new MeasuredArea(inside, 10, 7);
        Assert.Equal(30, area.AreaPx);
        var fill = area.CellFill(4, out int cols, out int rows);
        Assert.Equal((3, 2), (cols, rows));
        // Row of cells 0 (y 1..3): x 2..3 → 6, x 4..7 → 12, none; row 1 (y 4..5): 4, 8, 0.
        Assert.Equal(new long[] { 6, 12, 0, 4, 8, 0 }, fill);
    }
}
