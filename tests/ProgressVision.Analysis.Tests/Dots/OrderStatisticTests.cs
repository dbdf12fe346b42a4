using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Tests.Dots;

public class OrderStatisticTests
{
    [Fact]
    public void Every_rank_of_random_samples_equals_the_sorted_value()
    {
        var rng = new Random(20261121);
        for (int n = 1; n <= 120; n++)
        {
            foreach (int levels in new[] { 3, 1000, int.MaxValue })
            {
                var data = new float[n];
                for (int i = 0; i < n; i++)
                {
                    // Few levels: many ties, the case Hoare partitioning must not lose ranks in.
                    data[i] = levels == int.MaxValue ? (float)rng.NextDouble() : rng.Next(levels) - (levels / 2);
                }

                var sorted = data.Order().ToArray();
                for (int k = 0; k < n; k++)
                {
                    var work = (float[])data.Clone();
                    Assert.Equal(sorted[k], OrderStatistic.Select(work, k));
                }
            }
        }
    }

    [Theory]
    [InlineData("ascending")]
    [InlineData("descending")]
    [InlineData("constant")]
    [InlineData("organ-pipe")]
    public void Large_structured_samples_give_the_sorted_median(string shape)
    {
        const int n = 100_001;
        var data = new float[n];
        for (int i = 0; i < n; i++)
        {
            data[i] = shape switch
            {
                "ascending" => i,
                "descending" => n - i,
                "constant" => 7,
                _ => Math.Min(i, n - i),
            };
        }

        var sorted = data.Order().ToArray();
        Assert.Equal(sorted[n / 2], OrderStatistic.Select(data, n / 2));
    }

    [Fact]
    public void A_rank_outside_the_sample_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistic.Select(new float[3], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistic.Select(new float[3], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistic.Select(Span<float>.Empty, 0));
    }
}
