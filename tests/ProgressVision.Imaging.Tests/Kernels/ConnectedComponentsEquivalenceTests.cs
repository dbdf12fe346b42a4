using ProgressVision.Imaging.Morphology;

namespace ProgressVision.Imaging.Tests.Kernels;

/// <summary>Two-pass union-find labelling against an independent breadth-first flood fill.</summary>
[Trait("Category", "KernelEquivalence")]
public class ConnectedComponentsEquivalenceTests
{
    [Theory]
    [InlineData(Connectivity.Four, 0.45)]
    [InlineData(Connectivity.Eight, 0.45)]
    [InlineData(Connectivity.Eight, 0.7)]
    [InlineData(Connectivity.Four, 0.1)]
    public void LabelsEqualFloodFillAtEveryWidth(Connectivity conn, double density)
    {
        foreach (int h in TestImages.Heights)
        {
            foreach (int w in TestImages.Widths)
            {
                var mask = TestImages.RandomMask(w * h, TestImages.Seed + w + (1000 * h), density);
                var values = TestImages.RandomFloats(w * h, w * h);
                var labels = new int[w * h];
                var stats = ConnectedComponents.LabelWithStats(mask, w, h, labels, conn, values);
                var (expected, count) = FloodFill(mask, w, h, conn);
                Assert.Equal(count, stats.Length);
                Assert.True(labels.AsSpan().SequenceEqual(expected), $"{w}x{h} {conn}");

                // Statistics by direct summation over the reference labels.
                for (int l = 1; l <= count; l++)
                {
                    var s = stats[l - 1];
                    var px = Enumerable.Range(0, w * h).Where(i => expected[i] == l).ToArray();
                    Assert.Equal(l, s.Label);
                    Assert.Equal(px.Length, s.Area);
                    Assert.Equal(px.Min(i => i % w), s.Left);
                    Assert.Equal(px.Min(i => i / w), s.Top);
                    Assert.Equal(px.Max(i => i % w) - s.Left + 1, s.Width);
                    Assert.Equal(px.Max(i => i / w) - s.Top + 1, s.Height);
                    Assert.Equal(px.Average(i => i % w), s.CentroidX, 9);
                    Assert.Equal(px.Average(i => i / w), s.CentroidY, 9);
                    Assert.Equal(px.Sum(i => (double)values[i]), s.ValueSum, 6);
                }
            }
        }
    }

    [Fact]
    public void DiagonalPixelsJoinOnlyWithEightConnectivity()
    {
        // Hand-made: two pixels touching at a corner.
        byte[] m = [255, 0, 0, 255];
        var labels = new int[4];
        Assert.Equal(1, ConnectedComponents.Label(m, 2, 2, labels, Connectivity.Eight));
        Assert.Equal(2, ConnectedComponents.Label(m, 2, 2, labels, Connectivity.Four));
        Assert.Equal([1, 0, 0, 2], labels);
    }

    [Fact]
    public void UShapeMergesLateAndKeepsRasterOrder()
    {
        // The U's arms get different provisional labels and merge on the bottom row; the separate dot
        // to the right starts on row 0 after the left arm, so it is label 2 even though it was found after
        // the right arm was first seen.
        string[] rows =
        [
            "#.#.#",
            "#.#..",
            "###..",
        ];
        var m = rows.SelectMany(r => r.Select(c => c == '#' ? (byte)1 : (byte)0)).ToArray();
        var labels = new int[m.Length];
        var stats = ConnectedComponents.LabelWithStats(m, 5, 3, labels, Connectivity.Four);
        Assert.Equal(2, stats.Length);
        Assert.Equal(7, stats[0].Area);
        Assert.Equal((0, 0, 3, 3), (stats[0].Left, stats[0].Top, stats[0].Width, stats[0].Height));
        Assert.Equal(1, stats[1].Area);
        Assert.Equal(4, stats[1].Left);
    }

    private static (int[] Labels, int Count) FloodFill(byte[] mask, int w, int h, Connectivity conn)
    {
        var labels = new int[w * h];
        int count = 0;
        var q = new Queue<int>();
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] == 0 || labels[i] != 0)
            {
                continue;
            }

            labels[i] = ++count;
            q.Enqueue(i);
            while (q.Count > 0)
            {
                int p = q.Dequeue(), x = p % w, y = p / w;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        if ((dx == 0 && dy == 0) || (conn == Connectivity.Four && dx != 0 && dy != 0))
                        {
                            continue;
                        }

                        int xx = x + dx, yy = y + dy;
                        if (xx < 0 || yy < 0 || xx >= w || yy >= h)
                        {
                            continue;
                        }

                        int n = (yy * w) + xx;
                        if (mask[n] != 0 && labels[n] == 0)
                        {
                            labels[n] = count;
                            q.Enqueue(n);
                        }
                    }
                }
            }
        }

        return (labels, count);
    }
}
