using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Json;
using ProgressVision.Reports.Portfolio;
using ProgressVision.Store;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Commands;

/// <summary>
/// <c>demo</c>, the main job: imports the bundled sample clients into the database (once:
/// re-running adds nothing twice), analyses them, and writes their portfolios.
/// </summary>
public sealed class DemoCommand : Command
{
    /// <summary>Creates the verb.</summary>
    public DemoCommand(IConsoleInteraction console)
        : base("demo", "Import the bundled sample clients (datasets-sample) into the database, analyse them and write their portfolios.")
    {
        var samples = new Option<string?>("--samples") { Description = "The sample manifest (default: datasets-sample/manifest.json found from here upwards).", HelpName = "FILE" };
        var output = new Option<string>("--out") { Description = "Folder for the portfolios (one sub-folder per client).", DefaultValueFactory = _ => "portfolios", HelpName = "DIR" };
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        Options.Add(samples);
        Options.Add(output);
        Options.Add(db);
        Options.Add(format);
        SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            string manifestPath = parse.GetValue(samples) ?? SampleManifest.Find()
                ?? throw new CliException(ExitCodes.BadInput, $"cannot find {SampleManifest.FolderName}/manifest.json here or above; pass --samples FILE.");
            var manifest = SampleManifest.Load(manifestPath);
            string root = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            bool canAnalyse = PairAnalysisProvider.Create() is not null;
            if (!canAnalyse)
            {
                console.Warning("the pair analysis pipeline is not part of this build: portfolios show the photos without measurements.");
            }

            var written = new List<WrittenFileJson>();
            int failedPairs = 0;
            foreach (var sample in manifest.Clients)
            {
                var client = Import(console, store, sample, root);
                if (canAnalyse)
                {
                    var summary = AnalyzeCommand.Run(console, store, client, force: false);
                    failedPairs += summary.Failed;
                    foreach (var p in summary.Pairs.Where(p => p.Outcome == "failed"))
                    {
                        console.Warning($"{client.Name} {p.View} {p.BeforeSession}→{p.AfterSession}: {p.Error}");
                    }
                }

                string folder = Path.Combine(parse.GetValue(output)!, FolderName(sample.Name));
                written.AddRange(PortfolioCommand.Write(store, client, PortfolioAudience.Client, folder));
            }

            if (parse.GetValue(format) == "json")
            {
                console.Line(JsonSerializer.Serialize<IReadOnlyList<WrittenFileJson>>(written, ClinicJsonContext.Default.IReadOnlyListWrittenFileJson));
            }
            else
            {
                console.Line($"database: {store.DatabasePath}");
                foreach (var w in written)
                {
                    console.Line($"{w.Client}: {w.Path}");
                }

                console.Line("open the .html files in a browser (they work offline).");
            }

            // The demo's job is the portfolios, and they were written. A sample pair the pipeline cannot
            // analyse (e.g. the hard-preset client whose photos our registration cannot align yet) is shown
            // in its portfolio without measurements and reported above; `analyze` itself exits non-zero for it.
            if (failedPairs > 0)
            {
                console.Warning($"{failedPairs} sample pair(s) could not be analysed (see the warnings above); their portfolios show the photos without those measurements.");
            }

            return ExitCodes.Ok;
        }));
    }

    private static Client Import(IConsoleInteraction console, ClinicStore store, SampleClient sample, string root)
    {
        string key = "sample:" + sample.Name;
        var client = store.FindClientByExternalId(key) ?? store.AddClient(sample.Name, "Synthetic sample client from datasets-sample (no real person).", key);
        store.GrantConsent(client.Id, ConsentScope.Internal, "synthetic sample");
        store.GrantConsent(client.Id, ConsentScope.ClientReview, "synthetic sample");
        foreach (var session in sample.Sessions.OrderBy(s => s.Number))
        {
            var files = session.Photos.Select(p => (p.View, Path: Path.Combine(root, p.File.Replace('/', Path.DirectorySeparatorChar)), p.MmPerPx)).ToList();
            // Idempotent: a session whose photos are already stored (by SHA-256) was imported before.
            if (files.Count > 0 && store.FindPhotoBySha256(PhotoLibrary.ReadAndHash(files[0].Path).Sha256) is not null)
            {
                continue;
            }

            if (!DateOnly.TryParseExact(session.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new CliException(ExitCodes.BadInput, $"sample {sample.Name} session {session.Number}: bad date '{session.Date}'.");
            }

            var imports = files.Select(f => PhotoProbe.Read($"{f.View}={f.Path}", f.MmPerPx)).ToList();
            store.AddSession(client.Id, new SessionDraft(date, "Sample practitioner", null, null), imports);
            console.Line($"imported {sample.Name} session {session.Number} ({imports.Count} photos)");
        }

        return client;
    }

    // Sample names are simple, but never let a name become a path: letters, digits, '-' and '_' only.
    private static string FolderName(string name)
    {
        string safe = new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return safe.Trim('_').Length == 0 ? "client" : safe;
    }
}
