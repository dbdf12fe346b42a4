using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Metrics;

namespace ProgressVision.Analysis.Tests.Metrics;

public sealed class CoverageSubsampleTests
{
    [Fact]
    public void Coverage_equals_the_sub_sample_definition_for_random_dots_and_regions()
    {
        var rng = new Random(4242);
        for (int trial = 0; trial < 20; trial++)
        {
            int w = 30 + rng.Next(50), h = 30 + rng.Next(50);
            var inside = new bool[w * h];
            for (int i = 0; i < inside.Length; i++)
            {
                inside[i] = rng.Next(10) > 1;
            }

            var area = new MeasuredArea(inside, w, h);
            var dots = new List<PigmentDot>();
            for (int k = rng.Next(1, 12); k > 0; k--)
            {
                // Tiny to large radii, centres anywhere (including off the photo), overlaps allowed;
                // some centres and radii on quarter-pixel steps, where sub-samples sit exactly on the rim.
                double r = rng.Next(3) == 0 ? rng.Next(1, 40) / 4.0 : 0.3 + (rng.NextDouble() * 15);
                double cx = rng.Next(2) == 0 ? rng.Next(-20, (4 * w) + 20) / 4.0 : (rng.NextDouble() * (w + 10)) - 5;
                double cy = rng.Next(2) == 0 ? rng.Next(-20, (4 * h) + 20) / 4.0 : (rng.NextDouble() * (h + 10)) - 5;
                dots.Add(new PigmentDot(cx, cy, r, 0.5, 1));
            }

            Assert.Equal(Definition(dots, inside, w, h), CoverageMetrics.Coverage(dots, area));
        }
    }

    // Share of the 4×4 sub-samples (offsets (i + ½)/4 − ½) of V's pixels inside some disc, over |V|.
    private static double Definition(List<PigmentDot> dots, bool[] inside, int w, int h)
    {
        long covered = 0, n = 0;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (!inside[(y * w) + x])
                {
                    continue;
                }

                n++;
                for (int sy = 0; sy < 4; sy++)
                {
                    for (int sx = 0; sx < 4; sx++)
                    {
                        double px = x + (((sx + 0.5) / 4) - 0.5), py = y + (((sy + 0.5) / 4) - 0.5);
                        if (dots.Any(d => ((px - d.X) * (px - d.X)) + ((py - d.Y) * (py - d.Y)) <= d.Radius * d.Radius))
                        {
                            covered++;
                        }
                    }
                }
            }
        }

        return covered / 16.0 / n;
    }
}
