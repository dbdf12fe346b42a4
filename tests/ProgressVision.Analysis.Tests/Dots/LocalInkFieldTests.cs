using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Tests.Dots;

public sealed class LocalInkFieldTests
{
    // 1000 × 500 photo: cells of 100 px (a fifth of 500), 10 × 5 of them.
    private const int W = 1000, H = 500;

    private static double Median(double[] sorted) => sorted[sorted.Length / 2];

    [Fact]
    public void Reads_a_neighbourhoods_ratio_to_the_photo_and_one_where_there_is_no_evidence()
    {
        // 40 samples of value 1 in every cell but cell (2, 1), whose 40 samples are 0.5; cell (7, 3) has
        // only 10 samples (too few), also 0.5. Photo median = 1, so the field is 0.5 at cell (2, 1)'s centre
        // (250, 150), 1 at far cells' centres, and 1 at cell (7, 3) (no evidence).
        var samples = new List<(double X, double Y, double V)>();
        for (int cy = 0; cy < 5; cy++)
        {
            for (int cx = 0; cx < 10; cx++)
            {
                int n = cx == 7 && cy == 3 ? 10 : 40;
                double v = (cx == 2 && cy == 1) || (cx == 7 && cy == 3) ? 0.5 : 1;
                for (int i = 0; i < n; i++)
                {
                    samples.Add(((cx * 100) + 5 + (i * 2), (cy * 100) + 5 + (i * 2), v));
                }
            }
        }

        var field = LocalInkField.Build(W, H, samples, Median, minSamples: 30, lo: 0.4, hi: 1);
        Assert.Equal(0.5, field.At(250, 150), 1e-12);
        Assert.Equal(1, field.At(750, 350), 1e-12);
        Assert.Equal(1, field.At(950, 450), 1e-12);

        // Half-way between the centres of cells (2, 1) and (3, 1): bilinear, (0.5 + 1) / 2.
        Assert.Equal(0.75, field.At(300, 150), 1e-12);
        Assert.Equal(0.5, field.Min, 1e-12);
    }

    [Fact]
    public void Clamps_the_ratio_and_needs_enough_samples_overall()
    {
        var samples = new List<(double X, double Y, double V)>();
        for (int i = 0; i < 200; i++)
        {
            samples.Add((20 + (i % 50), 20 + (i / 50), 0.1));
        }

        for (int i = 0; i < 2000; i++)
        {
            samples.Add((200 + (i % 700), 120 + (i % 300), 1));
        }

        var field = LocalInkField.Build(W, H, samples, Median, minSamples: 30, lo: 0.4, hi: 1);

        // Cell (0, 0) holds only 0.1s: the ratio 0.1 is clamped to 0.4.
        Assert.Equal(0.4, field.At(50, 50), 1e-12);

        var few = LocalInkField.Build(W, H, samples.Take(20).ToList(), Median, minSamples: 30, lo: 0.4, hi: 1);
        Assert.Equal(1, few.At(50, 50), 1e-12);
    }
}
