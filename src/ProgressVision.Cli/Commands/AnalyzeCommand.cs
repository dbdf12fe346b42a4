using System.CommandLine;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Json;
using ProgressVision.Store;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Commands;

/// <summary><c>analyze</c>: compare every consecutive session pair and first-to-latest, per view; resumable.</summary>
public sealed class AnalyzeCommand : Command
{
    /// <summary>Creates the verb.</summary>
    public AnalyzeCommand(IConsoleInteraction console)
        : base("analyze", "Analyse a client's photos: every consecutive session pair and first-to-latest, per view. Finished pairs are kept; an interrupted run continues where it stopped.")
    {
        var client = ClinicOptions.Client();
        var force = new Option<bool>("--force") { Description = "Redo pairs that already have a result from this program version." };
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        Options.Add(client);
        Options.Add(force);
        Options.Add(db);
        Options.Add(format);
        SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var c = store.GetClient(parse.GetValue(client)!);
            var summary = Run(console, store, c, parse.GetValue(force));
            if (parse.GetValue(format) == "json")
            {
                console.Line(JsonSerializer.Serialize(summary, ClinicJsonContext.Default.AnalyzeJson));
            }
            else
            {
                foreach (var p in summary.Pairs.Where(p => p.Outcome == "failed"))
                {
                    console.Warning($"{p.View} {p.BeforeSession}→{p.AfterSession}: {p.Error}");
                }

                console.Line($"{c.Name}: {summary.Planned} pair(s): {summary.Analysed} analysed, {summary.Skipped} already done, {summary.Failed} failed.");
            }

            return summary.Failed > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }));
    }

    /// <summary>Runs the analysis of one client with a progress bar; Ctrl+C stops after the current pair.</summary>
    /// <exception cref="CliException">No analysis pipeline in this build.</exception>
    public static AnalyzeJson Run(IConsoleInteraction console, ClinicStore store, Client client, bool force)
    {
        var analysis = PairAnalysisProvider.Create() ?? throw new CliException(ExitCodes.Failure,
            $"the pair analysis pipeline (compare) is not part of this build, so `analyze` cannot run; set {PairAnalysisProvider.Variable} to use another build of it.");
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // finish the current pair's transaction, then stop
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return console.Progress($"analyse {client.Name}", progress =>
                ClientAnalysisRun.Run(store, client, analysis, VersionInfo.ForAnalysis(analysis), force, progress, cancel.Token));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
