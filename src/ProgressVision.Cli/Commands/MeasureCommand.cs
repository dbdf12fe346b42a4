using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Metrics;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Compare;
using ProgressVision.Cli.Interaction;

namespace ProgressVision.Cli.Commands;

/// <summary>
/// <c>measure PHOTO --out DIR</c>: the current state of the work on one photo — dots, coverage, density,
/// uniformity and gaps — without an earlier photo (a first session, or a "before" taken ahead of any
/// work, which shares no skin texture with the tattooed scalp and cannot be aligned dot by dot).
/// </summary>
public sealed class MeasureCommand : Command
{
    private static readonly Argument<string> Photo = new("photo") { Description = "Photo of the treated scalp area (JPEG or PNG)." };
    private static readonly Option<string> Out = new("--out") { Description = "Output directory (written all-or-nothing).", Required = true };
    private static readonly Option<double?> MmPerPx = new("--mm-per-px") { Description = "Scale of the photo in millimetres per pixel (enables dots/cm² and mm² gaps)." };
    private static readonly Option<string> Format = new("--format") { Description = "Console output: text or json (the result).", DefaultValueFactory = _ => "text" };

    /// <summary>Creates the verb.</summary>
    public MeasureCommand(IConsoleInteraction console)
        : base("measure", "Measure one photo on its own: pigment dots, coverage, density, uniformity and gaps.")
    {
        Format.AcceptOnlyFromAmong("text", "json");
        Arguments.Add(Photo);
        foreach (var o in new Option[] { Out, MmPerPx, Format })
        {
            Options.Add(o);
        }

        SetAction(parse => ClinicCommandRunner.Run(console, () => Execute(console, parse)));
    }

    private static int Execute(IConsoleInteraction console, ParseResult parse)
    {
        double? scale = ScaleArguments.Single(parse.GetValue(MmPerPx));

        var loader = new PairAnalyzer(new PairAnalysisOptions { Version = VersionInfo.Current }, null);
        var photo = loader.Load(parse.GetValue(Photo)!);
        using var pixels = photo.Rgb;
        using var measurement = console.Progress("measure", p =>
        {
            p.Report((0.1, "finding dots"));
            return PhotoMeasurement.Analyse(pixels, new PhotoMeasurementOptions { MmPerPx = scale });
        });
        var warnings = new List<string>();
        if (scale is null)
        {
            warnings.Add("no scale given (--mm-per-px): density is per 1000 px² and gap areas are in px²");
        }

        if (measurement.Metrics.DotCount == 0)
        {
            warnings.Add("no pigment dots found in the treated area");
        }

        var result = new MeasureResult { Version = VersionInfo.Current, Input = photo.Info, MmPerPx = scale, Photo = measurement.Metrics, Warnings = warnings };
        string outDir = parse.GetValue(Out)!;
        MeasureOutputWriter.Write(result, pixels, measurement, outDir);
        if (parse.GetValue(Format) == "json")
        {
            console.Line(JsonSerializer.Serialize(result, MeasureResultJsonContext.Default.MeasureResult));
            return ExitCodes.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        var m = result.Photo;
        console.Table(["dots", "coverage", "density", "NN CV", "Clark–Evans R", "size CV", "local density CV", "gaps"],
        [
            [
                m.DotCount.ToString(inv), m.Coverage.ToString("P1", inv),
                m.DensityPerCm2 is double d ? $"{d.ToString("0.0", inv)} /cm²" : $"{m.DensityPer1000Px2.ToString("0.00", inv)} /1000 px²",
                m.Uniformity.NnCv.ToString("0.00", inv), m.Uniformity.ClarkEvansR.ToString("0.00", inv),
                m.Uniformity.SizeCv.ToString("0.00", inv), m.Uniformity.LocalDensityCv.ToString("0.00", inv), m.Gaps.Count.ToString(inv),
            ],
        ]);
        foreach (var w in warnings)
        {
            console.Warning(w);
        }

        console.Line($"wrote {outDir}");
        return ExitCodes.Ok;
    }
}
