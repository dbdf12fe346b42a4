using ProgressVision.Analysis.Metrics;

namespace ProgressVision.Analysis.Tests.Metrics;

/// <summary>Row crack edges (the perimeter's per-row sum): vector body against a pixel-by-pixel count written here.</summary>
public sealed class CrackEdgesTests
{
    [Trait("Category", "KernelEquivalence")]
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.05)]
    public void Row_edges_match_a_pixel_by_pixel_count_at_every_width(double fill)
    {
        var rng = new Random((int)(fill * 100));
        foreach (int w in Enumerable.Range(1, 67).Concat([100, 257]))
        {
            for (int trial = 0; trial < 4; trial++)
            {
                bool[] Row() => Enumerable.Range(0, w).Select(_ => rng.NextDouble() < fill).ToArray();
                var row = Row();
                var above = trial % 2 == 0 ? Row() : [];
                var below = trial < 2 ? Row() : [];
                Assert.Equal(Count(row, above, below), CrackEdges.Row(row, above, below));
            }
        }
    }

    [Fact]
    public void Row_edges_of_hand_drawn_rows()
    {
        // One pixel alone in the image: four edges. A full row of 40 with full rows above and below: the two ends only.
        Assert.Equal(4, CrackEdges.Row([true], [], []));
        var full = Enumerable.Repeat(true, 40).ToArray();
        Assert.Equal(2, CrackEdges.Row(full, full, full));

        // The same row at the top of the image: every pixel also borders the top edge (40 more).
        Assert.Equal(42, CrackEdges.Row(full, [], full));

        // Alternating pixels with nothing above or below: each in-pixel has all four sides open.
        var alternate = Enumerable.Range(0, 40).Select(x => x % 2 == 0).ToArray();
        Assert.Equal(20 * 4, CrackEdges.Row(alternate, new bool[40], []));
    }

    [Fact]
    public void Row_edges_refuse_neighbouring_rows_of_another_length()
    {
        Assert.Throws<ArgumentException>(() => CrackEdges.Row(new bool[5], new bool[4], []));
        Assert.Throws<ArgumentException>(() => CrackEdges.Row(new bool[5], [], new bool[6]));
    }

    // The definition, pixel by pixel: each side of an in-pixel that faces an out-pixel or the image edge.
    private static long Count(bool[] row, bool[] above, bool[] below)
    {
        long n = 0;
        for (int x = 0; x < row.Length; x++)
        {
            if (row[x])
            {
                n += (x == 0 || !row[x - 1] ? 1 : 0) + (x == row.Length - 1 || !row[x + 1] ? 1 : 0)
                    + (above.Length == 0 || !above[x] ? 1 : 0) + (below.Length == 0 || !below[x] ? 1 : 0);
            }
        }

        return n;
    }
}
