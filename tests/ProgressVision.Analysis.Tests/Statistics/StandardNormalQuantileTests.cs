using System.Globalization;
using ProgressVision.Analysis.Statistics;

namespace ProgressVision.Analysis.Tests.Statistics;

/// <summary>The normal quantile against Python's statistics.NormalDist (Debian's python3), on both tails and the centre.</summary>
public class StandardNormalQuantileTests
{
    [Fact]
    public void Matches_Pythons_NormalDist_inverse_cdf()
    {
        double[] ps = [1e-12, 1e-6, 0.001, 0.02, 0.02425, 0.05, 0.3, 0.5, 0.7, 0.95, 0.975, 0.99, 1 - (0.05 / 27), 0.999999];
        var expected = DebianPython.Doubles(
            "from statistics import NormalDist\nimport sys\nfor p in sys.argv[1:]:\n    print(repr(NormalDist().inv_cdf(float(p))))",
            ps.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));
        Assert.Equal(ps.Length, expected.Count);
        for (int i = 0; i < ps.Length; i++)
        {
            // Acklam's approximation: relative error under 1.2e-9.
            double ours = StandardNormal.Quantile(ps[i]);
            Assert.True(Math.Abs(ours - expected[i]) <= 2e-9 * Math.Max(1, Math.Abs(expected[i])), $"p {ps[i]:R}: ours {ours:R}, Python {expected[i]:R}");
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(1));
    }
}
