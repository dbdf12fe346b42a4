using ProgressVision.Analysis.Statistics;

namespace ProgressVision.Analysis.Tests.Statistics;

public sealed class StandardNormalCdfTests
{
    // Standard normal table values (Abramowitz & Stegun, table 26.1, to 8 decimals).
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(-1.0, 0.15865525)]
    [InlineData(-1.96, 0.02499790)]
    [InlineData(-3.0, 0.00134990)]
    [InlineData(2.0, 0.97724987)]
    [InlineData(-5.0, 0.00000029)]
    public void Matches_the_standard_normal_table(double z, double expected)
    {
        Assert.Equal(expected, StandardNormal.Cdf(z), 2e-7);
    }

    [Fact]
    public void Is_symmetric_and_increasing()
    {
        double previous = 0;
        for (double z = -6; z <= 6; z += 0.05)
        {
            double p = StandardNormal.Cdf(z);
            Assert.Equal(1, p + StandardNormal.Cdf(-z), 1e-12);
            Assert.True(p >= previous, $"Φ({z:F2}) = {p} < Φ(previous) = {previous}");
            previous = p;
        }

        Assert.True(double.IsNaN(StandardNormal.Cdf(double.NaN)));
    }
}
