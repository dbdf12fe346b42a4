using System.CommandLine;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Commands;
using ProgressVision.Cli.Interaction;

namespace ProgressVision.Cli;

/// <summary>Builds and runs the command tree. One class per verb under <c>Commands/</c>.</summary>
public static class CommandLineApp
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Build(IConsoleInteraction console)
    {
        var root = new RootCommand("ProgressVision — measure scalp micropigmentation progress across sessions.");

        // Register verbs here, one line each (keep alphabetical to ease merges).
        foreach (var command in new Command[]
                 {
                     new AnalyzeCommand(console),
                     new BenchCommand(console),
                     new ClientCommand(console),
                     new CompareCommand(console),
                     new ConsentCommand(console),
                     new DemoCommand(console),
                     new EvaluateCommand(console),
                     new ExportCommand(console),
                     new FuzzCommand(console),
                     new GuideCommand(console),
                     new HealingTilesCommand(console),
                     new InfoCommand(console),
                     new MeasureCommand(console),
                     new PortfolioCommand(console),
                     new SessionCommand(console),
                     new StatusCommand(console),
                     new SynthCommand(console),
                     new TargetsCommand(console),
                 })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs; returns the process exit code.</summary>
    public static int Run(string[] args, IConsoleInteraction? console = null)
    {
        console ??= ConsoleInteraction.Create();

        // The built-in pair analysis for `analyze` and `demo`: the compare pipeline with the shipped healing model.
        PairAnalysisProvider.BuiltIn ??= () => new PairAnalyzer(
            new PairAnalysisOptions { Version = VersionInfo.Current },
            HealingModel.DefaultPath() is { } model ? HealingModel.Load(model) : null);
        var root = Build(console);
        try
        {
            // Our own catch below maps CliException to its exit code; System.CommandLine's default handler would turn it into 1.
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            console.Error(ex.Message);
            return ex.ExitCode;
        }
    }
}
