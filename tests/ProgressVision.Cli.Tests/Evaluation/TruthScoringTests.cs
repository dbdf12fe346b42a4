using ProgressVision.Cli.Commands;
using ProgressVision.Cli.Evaluation;

namespace ProgressVision.Cli.Tests.Evaluation;

/// <summary>The scoring helpers against hand-computed values, and the verb's argument checks.</summary>
public sealed class TruthScoringTests
{
    [Fact]
    public void SpearmanMatchesHandComputedValues()
    {
        // Ranks a: 0 1 2 3 4; b: 1 0 2 3 4 → d² = 1 + 1 → ρ = 1 − 6·2 / (5·24) = 0.9.
        Assert.Equal(0.9, TruthScoring.Spearman([1, 2, 3, 4, 5], [20, 10, 30, 40, 50]), 12);
        Assert.Equal(-1.0, TruthScoring.Spearman([1, 2, 3], [9, 5, 1]), 12);

        // Ties share the mean rank: a ranks 0 1.5 1.5 3 vs b ranks 0 1 2 3 → Pearson of ranks = 4.5/√(4.5·5).
        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), TruthScoring.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
        Assert.True(double.IsNaN(TruthScoring.Spearman([1, 2], [1, 2])));
    }

    [Fact]
    public void BadArgumentsAreUsageErrorsNamingTheOption()
    {
        var ex = Assert.Throws<CliException>(() => EvaluateCommand.ParseSize("12x"));
        Assert.Equal(ExitCodes.Usage, ex.ExitCode);
        Assert.Contains("--size", ex.Message);
        Assert.Equal((4032, 3024), EvaluateCommand.ParseSize("4032x3024"));
        var p = Assert.Throws<CliException>(() => EvaluateCommand.ParsePresets("easy,bogus"));
        Assert.Contains("bogus", p.Message);
        Assert.Throws<CliException>(() => EvaluateCommand.ParsePresets("nooverlap"));
    }
}
