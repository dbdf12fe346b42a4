using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Json;
using ProgressVision.Reports.History;

namespace ProgressVision.Cli.Commands;

/// <summary><c>status</c>: a client's sessions, coverage and density trend, uniformity, flags and recommendation.</summary>
public sealed class StatusCommand : Command
{
    /// <summary>Creates the verb.</summary>
    public StatusCommand(IConsoleInteraction console)
        : base("status", "Show a client's progress: per view and session, coverage, density, uniformity, flags; the trend and the recommendation.")
    {
        var client = ClinicOptions.Client();
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        Options.Add(client);
        Options.Add(db);
        Options.Add(format);
        SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var c = store.GetClient(parse.GetValue(client)!);
            var status = ClientStatus.Build(store, c, DateOnly.FromDateTime(DateTime.Today));
            if (parse.GetValue(format) == "json")
            {
                console.Line(JsonSerializer.Serialize(status, ClinicJsonContext.Default.StatusJson));
                return ExitCodes.Ok;
            }

            Write(console, status);
            return ExitCodes.Ok;
        }));
    }

    private static void Write(IConsoleInteraction console, StatusJson status)
    {
        var inv = CultureInfo.InvariantCulture;
        console.Line($"client #{status.Client.Id}: {status.Client.Name} — {status.Client.Sessions} session(s)");
        if (status.Views.Count == 0)
        {
            console.Line("no photos yet: add a session with `progressvision session add`.");
            return;
        }

        console.Table(["view", "session", "date", "days ago", "coverage", "density", "spacing CV", "Clark–Evans R", "dots", "flags"],
            status.Views.SelectMany(v => v.Sessions.Select(s => (IReadOnlyList<string>)
            [
                v.View, s.Session.ToString(inv), s.Date.ToString("yyyy-MM-dd", inv), s.DaysSince.ToString(inv),
                s.Coverage is { } cov ? cov.ToString("P1", inv) : "—",
                s.Density is { } d ? $"{d.ToString("0.0", inv)} {s.DensityUnit}" : "—",
                s.SpacingCv?.ToString("0.00", inv) ?? "—", s.ClarkEvansR?.ToString("0.00", inv) ?? "—",
                s.DotCount?.ToString(inv) ?? "—", s.Flags.Count == 0 ? "" : string.Join(", ", s.Flags),
            ])));
        foreach (var v in status.Views)
        {
            string trend = v.CoverageChange is { } dc ? $"coverage {(dc >= 0 ? "+" : "")}{(dc * 100).ToString("0.0", inv)} points" : "coverage trend n/a";
            if (v.DensityChange is { } dd)
            {
                trend += $", density {(dd >= 0 ? "+" : "")}{dd.ToString("0.0", inv)}";
            }

            string rec = v.Recommendation is { } r
                ? RecommendationWording.Headline(r).ToLowerInvariant() + $" (confidence {r.Confidence.ToString("P0", inv)})" +
                  (r.Reasons.Count > 0 ? ": " + string.Join("; ", r.Reasons) : "")
                : "no recommendation yet";
            console.Line($"{v.View}: {trend}; {v.PairsAnalysed}/{v.PairsPlanned} pairs analysed; {rec}");
            if (v.Recommendation is { } judged && RecommendationWording.TargetsLine(judged) is { } targets)
            {
                console.Line($"  {targets}");
            }
        }
    }
}
