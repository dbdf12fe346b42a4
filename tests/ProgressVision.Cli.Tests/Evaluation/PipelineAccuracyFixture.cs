using ProgressVision.Cli.Commands;
using ProgressVision.Cli.Evaluation;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Cli.Tests.Evaluation;

/// <summary>
/// Runs the whole compare pipeline once on held-out seeds 700000 + 1000·preset + i (i = 0, 1): different
/// from the docs run (500000+) and from every component's tuning and test seeds (all below 10000).
/// </summary>
public sealed class PipelineAccuracyFixture
{
    public PipelineAccuracyFixture()
    {
        Report = EvaluateCommand.Run([SynthPreset.Easy, SynthPreset.Mixed, SynthPreset.Hard, SynthPreset.Curved], 2, 700_000, 1200, 900, "tests");
    }

    public AccuracyReport Report { get; }

    public string Describe() => string.Join('\n', Report.CaseRows().Select(r => string.Join(' ', r)));
}
