using System.CommandLine;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Json;
using ProgressVision.Imaging.Codecs.Png;
using ProgressVision.Reports.Guide;
using ProgressVision.Reports.Images;
using ProgressVision.Store;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Commands;

/// <summary><c>guide</c>: a translucent ghost of the previous photo of a view, to reproduce its framing.</summary>
public sealed class GuideCommand : Command
{
    /// <summary>Creates the verb.</summary>
    public GuideCommand(IConsoleInteraction console)
        : base("guide", "Write a translucent 'ghost' PNG of the latest photo of a view (with a thirds grid) to lay over the camera preview at the next session.")
    {
        var client = ClinicOptions.Client();
        var view = new Option<string>("--view") { Description = "front, top, crown, left, right or custom:LABEL.", Required = true };
        var output = new Option<string?>("--out") { Description = "PNG file to write (default: guide-VIEW.png here).", HelpName = "FILE" };
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        Options.Add(client);
        Options.Add(view);
        Options.Add(output);
        Options.Add(db);
        Options.Add(format);
        SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var c = store.GetClient(parse.GetValue(client)!);
            var v = PhotoView.Parse(parse.GetValue(view)!);
            var sessions = store.GetSessions(c.Id).ToDictionary(s => s.Id, s => s.Number);
            var photos = store.GetPhotos(c.Id);
            var latest = photos.Where(p => p.View == v).OrderByDescending(p => sessions[p.SessionId]).FirstOrDefault()
                ?? throw new StoreException(StoreProblem.NotFound,
                    $"{c.Name} has no {v} photo yet (views on record: {(photos.Count == 0 ? "none" : string.Join(", ", photos.Select(p => p.View.Name).Distinct()))}).");
            string file = parse.GetValue(output) ?? $"guide-{v.Name.Replace(':', '-')}.png";
            store.Library.ReadVerified(latest.LibraryFile, latest.Sha256);
            using var photo = PhotoPixels.Load(store.Library.Resolve(latest.LibraryFile));
            using var ghost = CaptureGhost.Build(photo.Rgb);
            AtomicFile.WriteAllBytes(file, PngEncoder.Encode(ghost));
            string full = Path.GetFullPath(file);
            if (parse.GetValue(format) == "json")
            {
                console.Line(JsonSerializer.Serialize<IReadOnlyList<WrittenFileJson>>([new WrittenFileJson(c.Name, "guide", full)], ClinicJsonContext.Default.IReadOnlyListWrittenFileJson));
            }
            else
            {
                console.Line($"wrote {full} (ghost of session {sessions[latest.SessionId]}, {v})");
            }

            return ExitCodes.Ok;
        }));
    }
}
