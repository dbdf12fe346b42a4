using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Json;

namespace ProgressVision.Cli.Commands;

/// <summary><c>client add|list|show</c>: the clinic's clients.</summary>
public sealed class ClientCommand : Command
{
    /// <summary>Creates the verb with its subcommands.</summary>
    public ClientCommand(IConsoleInteraction console)
        : base("client", "Add, list and show clients.")
    {
        Subcommands.Add(Add(console));
        Subcommands.Add(List(console));
        Subcommands.Add(Show(console));
    }

    private static Command Add(IConsoleInteraction console)
    {
        var name = new Argument<string>("name") { Description = "Client name (any text; unique ignoring case)." };
        var notes = new Option<string?>("--notes") { Description = "Internal notes (never shown in client or public portfolios)." };
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        var cmd = new Command("add", "Add a client.") { name, notes, db, format };
        cmd.SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var client = store.AddClient(parse.GetValue(name)!, parse.GetValue(notes));
            if (parse.GetValue(format) == "json")
            {
                console.Line(JsonSerializer.Serialize(ClinicMapping.ToJson(store, client), ClinicJsonContext.Default.ClientJson));
            }
            else
            {
                console.Line($"added client #{client.Id}: {client.Name}");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command List(IConsoleInteraction console)
    {
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        var cmd = new Command("list", "List clients.") { db, format };
        cmd.SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var clients = store.ListClients().Select(c => ClinicMapping.ToJson(store, c)).ToList();
            if (parse.GetValue(format) == "json")
            {
                console.Line(JsonSerializer.Serialize<IReadOnlyList<ClientJson>>(clients, ClinicJsonContext.Default.IReadOnlyListClientJson));
            }
            else
            {
                console.Table(["id", "name", "sessions", "added"],
                    clients.Select(c => (IReadOnlyList<string>)[$"#{c.Id}", c.Name, c.Sessions.ToString(CultureInfo.InvariantCulture), c.Created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]));
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Show(IConsoleInteraction console)
    {
        var client = ClinicOptions.Client();
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        var cmd = new Command("show", "Show a client's sessions, photos and consents.") { client, db, format };
        cmd.SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var c = store.GetClient(parse.GetValue(client)!);
            var export = ClinicMapping.Export(store, c);
            if (parse.GetValue(format) == "json")
            {
                console.Line(JsonSerializer.Serialize(export with { Analyses = [] }, ClinicJsonContext.Default.ClientExportJson));
                return ExitCodes.Ok;
            }

            console.Line($"client #{c.Id}: {c.Name}");
            if (!string.IsNullOrEmpty(c.Notes))
            {
                console.Line($"notes: {c.Notes}");
            }

            console.Line("consent: " + (export.Consents.Any(x => x.Revoked is null) ? string.Join(", ", export.Consents.Where(x => x.Revoked is null).Select(x => x.Scope)) : "none recorded"));
            console.Table(["session", "date", "practitioner", "pigment", "view", "captured", "sha256"],
                export.Sessions.SelectMany(s => s.Photos.Count == 0
                    ? [(IReadOnlyList<string>)[s.Number.ToString(CultureInfo.InvariantCulture), s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Practitioner ?? "", s.Pigment ?? "", "", "", ""]]
                    : s.Photos.Select(p => (IReadOnlyList<string>)[s.Number.ToString(CultureInfo.InvariantCulture), s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Practitioner ?? "", s.Pigment ?? "",
                        p.View, p.CaptureDate?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", p.Sha256[..16] + "…"])));
            console.Line($"{export.Analyses.Count} pair analyses stored.");
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
