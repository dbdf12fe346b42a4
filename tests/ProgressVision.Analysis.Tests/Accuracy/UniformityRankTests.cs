using ProgressVision.Analysis.Metrics;
using ProgressVision.Analysis.Tests.Metrics;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Accuracy;

public sealed class UniformityRankTests(ITestOutputHelper output)
{
    [Fact]
    public void Nearest_neighbour_cv_ranks_cases_as_the_truth_does()
    {
        // Seeds 301–306 are not the ones the clump series was explored with (7–12).
        var truth = new List<double>();
        var ours = new List<double>();
        ulong seed = 301;
        foreach (int clumps in SynthUniformityCases.ClumpCounts)
        {
            using var p = SynthUniformityCases.Render(seed++, clumps);
            using var m = PhotoMeasurement.Analyse(p.Rgb, new PhotoMeasurementOptions { MmPerPx = p.Truth.MmPerPx });
            truth.Add(p.Truth.Metrics.NnCv);
            ours.Add(m.Metrics.Uniformity.NnCv);
            output.WriteLine($"clumps {clumps}: nnCv truth {truth[^1]:F3} ours {ours[^1]:F3}");
        }

        double rho = Spearman(truth, ours);
        output.WriteLine($"Spearman ρ = {rho:F3}");
        Assert.True(rho >= 0.9, $"rank correlation {rho:F3} < 0.9");
    }

    [Fact]
    public void Spearman_of_hand_ranked_series()
    {
        // Ranks (1,2,3,4,5) vs (2,1,3,4,5): Σd² = 2 → ρ = 1 − 6·2/(5·24) = 0.9.
        Assert.Equal(0.9, Spearman([1, 2, 3, 4, 5], [20, 10, 30, 40, 50]), 12);
        Assert.Equal(-1, Spearman([1, 2, 3], [3, 2, 1]), 12);
    }

    // Spearman's ρ by the rank-difference formula (no ties expected among continuous measures).
    private static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        static double[] Ranks(IReadOnlyList<double> v)
        {
            var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
            var r = new double[v.Count];
            for (int k = 0; k < order.Length; k++)
            {
                r[order[k]] = k + 1;
            }

            return r;
        }

        var ra = Ranks(a);
        var rb = Ranks(b);
        int n = a.Count;
        double d2 = 0;
        for (int i = 0; i < n; i++)
        {
            d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
        }

        return 1 - (6 * d2 / (n * ((double)n * n - 1)));
    }
}
