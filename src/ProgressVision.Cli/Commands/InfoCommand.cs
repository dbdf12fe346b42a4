using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Imaging;
using ProgressVision.Imaging.Codecs;

namespace ProgressVision.Cli.Commands;

/// <summary><c>progressvision info PHOTO</c>: decodes a photo and prints its facts (format, size, orientation, date, camera, GPS, decode time).</summary>
public sealed class InfoCommand : Command
{
    private static readonly Argument<FileInfo> PhotoArgument = new("photo") { Description = "JPEG or PNG photo to inspect." };

    private static readonly Option<string> FormatOption = new("--format")
    {
        Description = "Output format: text or json.",
        DefaultValueFactory = _ => "text",
    };

    /// <summary>Creates the verb.</summary>
    public InfoCommand(IConsoleInteraction console)
        : base("info", "Decode a photo and print its facts: format, size, orientation, capture date, camera, GPS present, decode time.")
    {
        FormatOption.AcceptOnlyFromAmong("text", "json");
        Arguments.Add(PhotoArgument);
        Options.Add(FormatOption);
        SetAction(parse => ClinicCommandRunner.Run(console, () => Execute(console, parse.GetValue(PhotoArgument)!, parse.GetValue(FormatOption) ?? "text")));
    }

    private static int Execute(IConsoleInteraction console, FileInfo photo, string format)
    {
        var facts = Inspect(photo.ToString());
        if (format == "json")
        {
            console.Line(JsonSerializer.Serialize(facts, PhotoInfoJsonContext.Default.PhotoInfo));
            return ExitCodes.Ok;
        }

        console.Table(
            ["fact", "value"],
            [
                ["file", facts.File],
                ["format", facts.Format],
                ["size", $"{facts.Width}x{facts.Height}"],
                ["stored size", $"{facts.StoredWidth}x{facts.StoredHeight}"],
                ["channels", facts.Channels.ToString(CultureInfo.InvariantCulture)],
                ["orientation", facts.Orientation.ToString(CultureInfo.InvariantCulture)],
                ["capture date", facts.CaptureDate ?? "unknown"],
                ["camera", string.Join(' ', new[] { facts.CameraMake, facts.CameraModel }.Where(s => s is not null)) is { Length: > 0 } cam ? cam : "unknown"],
                ["GPS present", facts.HasGps ? "yes" : "no"],
                ["file size", $"{facts.FileBytes} bytes"],
                ["decode time", $"{facts.DecodeMs.ToString("F1", CultureInfo.InvariantCulture)} ms (first decode in this process, includes JIT warm-up)"],
            ]);
        return ExitCodes.Ok;
    }

    /// <summary>Decodes <paramref name="path"/> and collects its facts; bad input becomes a <see cref="CliException"/>.</summary>
    public static PhotoInfo Inspect(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: file not found");
        }

        try
        {
            var sw = Stopwatch.StartNew();
            using var img = ImageCodecs.Decode(path);
            double ms = sw.Elapsed.TotalMilliseconds;
            var m = img.Metadata;
            return new PhotoInfo(
                path,
                img.Format.ToString().ToLowerInvariant(),
                img.Width,
                img.Height,
                m.OriginalWidth,
                m.OriginalHeight,
                img.Pixels.Channels,
                m.Orientation,
                m.CaptureDate?.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                m.CameraMake,
                m.CameraModel,
                m.HasGps,
                new FileInfo(path).Length,
                Math.Round(ms, 2));
        }
        catch (InvalidImageException ex)
        {
            throw new CliException(ExitCodes.BadInput, ex.Message, ex);
        }
        catch (UnsupportedImageFeatureException ex)
        {
            throw new CliException(ExitCodes.BadInput, ex.Message, ex);
        }
    }
}
