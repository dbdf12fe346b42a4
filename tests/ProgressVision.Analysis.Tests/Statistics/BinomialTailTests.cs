using ProgressVision.Analysis.Statistics;

namespace ProgressVision.Analysis.Tests.Statistics;

/// <summary>The binomial lower tail against exact sums in Python's integers and fractions (Debian's python3).</summary>
public class BinomialTailTests
{
    [Fact]
    public void Matches_exact_rational_arithmetic()
    {
        // Oracle: Python's exact integers and fractions (no floating point until the end), Debian's python3.
        (int K, int N)[] cases = [(0, 35), (1, 35), (0, 9), (0, 14), (15, 150), (30, 150), (4, 16), (550, 3000), (600, 3000), (5, 5), (-1, 5)];
        string program = "from fractions import Fraction\nfrom math import comb\np = Fraction(1, 5)\n" +
                         "for k, n in [" + string.Join(", ", cases.Select(c => $"({c.K}, {c.N})")) + "]:\n" +
                         "    print(repr(float(sum(comb(n, i) * p**i * (1 - p)**(n - i) for i in range(0, k + 1)))))\n";
        var expected = DebianPython.Doubles(program);
        Assert.Equal(cases.Length, expected.Count);
        for (int i = 0; i < cases.Length; i++)
        {
            double ours = BinomialTail.AtMost(cases[i].K, cases[i].N, 0.2);
            Assert.True(Math.Abs(ours - expected[i]) <= 1e-12 + (1e-9 * expected[i]), $"P(K ≤ {cases[i].K} | n {cases[i].N}): ours {ours:R}, exact {expected[i]:R}");
        }
    }
}
