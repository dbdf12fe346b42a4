using System.CommandLine;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Json;

namespace ProgressVision.Cli.Commands;

/// <summary><c>export</c>: everything stored about a client as one JSON document.</summary>
public sealed class ExportCommand : Command
{
    /// <summary>Creates the verb.</summary>
    public ExportCommand(IConsoleInteraction console)
        : base("export", "Write everything stored about a client (sessions, photos with SHA-256, consents, analyses) as JSON.")
    {
        var client = ClinicOptions.Client();
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output.", HelpName = "FILE" };
        Options.Add(client);
        Options.Add(db);
        Options.Add(format);
        Options.Add(output);
        SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var c = store.GetClient(parse.GetValue(client)!);
            string json = JsonSerializer.Serialize(ClinicMapping.Export(store, c), ClinicJsonContext.Default.ClientExportJson);
            if (parse.GetValue(output) is { Length: > 0 } file)
            {
                Clinic.AtomicFile.WriteAllText(file, json);
                console.Line(parse.GetValue(format) == "json"
                    ? JsonSerializer.Serialize<IReadOnlyList<WrittenFileJson>>([new WrittenFileJson(c.Name, "export", Path.GetFullPath(file))], ClinicJsonContext.Default.IReadOnlyListWrittenFileJson)
                    : $"wrote {Path.GetFullPath(file)}");
            }
            else
            {
                console.Line(json);
            }

            return ExitCodes.Ok;
        }));
    }
}
