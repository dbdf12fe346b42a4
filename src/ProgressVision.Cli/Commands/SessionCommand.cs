using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Json;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Commands;

/// <summary><c>session add</c>: record a treatment session with its photos.</summary>
public sealed class SessionCommand : Command
{
    /// <summary>Creates the verb.</summary>
    public SessionCommand(IConsoleInteraction console)
        : base("session", "Record treatment sessions.")
    {
        var client = ClinicOptions.Client();
        var date = new Option<string>("--date") { Description = "Session day, YYYY-MM-DD.", Required = true };
        var photos = new Option<string[]>("--photo")
        {
            Description = "VIEW=PATH, repeatable. VIEW: front, top, crown, left, right or custom:LABEL.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var scale = new Option<string[]>("--mm-per-px")
        {
            Description = "Photo scale in millimetres per pixel (measured with a ruler in the shot): one value for every photo, or VIEW=VALUE, repeatable. Enables dots/cm² and mm² gaps.",
            AllowMultipleArgumentsPerToken = false,
        };
        var practitioner = new Option<string?>("--practitioner") { Description = "Who did the session." };
        var notes = new Option<string?>("--notes") { Description = "Internal notes." };
        var pigment = new Option<string?>("--pigment") { Description = "Pigment (brand, dilution)." };
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        var add = new Command("add", "Add a session: photos are verified, hashed and copied into the library in one step.")
        {
            client, date, photos, scale, practitioner, notes, pigment, db, format,
        };
        add.SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new CliException(ExitCodes.Usage, $"--date '{parse.GetValue(date)}': expected YYYY-MM-DD.");
            }

            // Decode every photo before touching the database: a bad file stops the command with nothing written.
            var scales = ScaleArguments.Parse(parse.GetValue(scale) ?? []);
            var imports = (parse.GetValue(photos) ?? []).Select(p => PhotoProbe.Read(p)).Select(i => i with { MmPerPx = ScaleArguments.For(scales, i.View) }).ToList();
            var unused = scales.Keys.Where(k => k.Length > 0 && imports.All(i => i.View.Name != k)).ToList();
            if (unused.Count > 0)
            {
                throw new CliException(ExitCodes.Usage, $"--mm-per-px names view(s) {string.Join(", ", unused)} that no --photo has.");
            }

            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var c = store.GetClient(parse.GetValue(client)!);
            var session = store.AddSession(c.Id, new SessionDraft(day, parse.GetValue(practitioner), parse.GetValue(notes), parse.GetValue(pigment)), imports);
            if (parse.GetValue(format) == "json")
            {
                var json = ClinicMapping.Export(store, c).Sessions.Single(s => s.Number == session.Number);
                console.Line(JsonSerializer.Serialize(json, ClinicJsonContext.Default.SessionJson));
            }
            else
            {
                console.Line($"added session {session.Number} ({session.Date:yyyy-MM-dd}) for {c.Name} with {imports.Count} photo(s).");
            }

            return ExitCodes.Ok;
        }));
        Subcommands.Add(add);
    }
}
