using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Analysis;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Compare;
using ProgressVision.Cli.Interaction;

namespace ProgressVision.Cli.Commands;

/// <summary><c>compare BEFORE AFTER --out DIR</c>: align two session photos and measure what changed.</summary>
public sealed class CompareCommand : Command
{
    private static readonly Argument<string> Before = new("before") { Description = "Photo from the earlier session (JPEG or PNG)." };
    private static readonly Argument<string> After = new("after") { Description = "Photo from the later session, same scalp area." };
    private static readonly Option<string> Out = new("--out") { Description = "Output directory (written all-or-nothing).", Required = true };
    private static readonly Option<double?> MmPerPx = new("--mm-per-px") { Description = "Scale of the BEFORE photo in millimetres per pixel (enables dots/cm² and mm² gaps)." };
    private static readonly Option<string?> SessionDate = new("--session-date") { Description = "Date (yyyy-MM-dd) of the session whose healing the AFTER photo shows." };
    private static readonly Option<string?> AfterDate = new("--after-date") { Description = "Date the AFTER photo was taken (default: its EXIF date)." };
    private static readonly Option<string?> BeforeDate = new("--before-date") { Description = "Date the BEFORE photo was taken (default: its EXIF date)." };
    private static readonly Option<string?> Model = new("--model") { Description = "Healing model (default: the model shipped with the program)." };
    private static readonly Option<bool> NoHealing = new("--no-healing") { Description = "Skip the healing model." };
    private static readonly Option<string?> Targets = new("--targets") { Description = "Clinic targets for the recommendation: a JSON file (fields as in `targets show --format json`; absent fields keep their defaults).", HelpName = "FILE" };
    private static readonly Option<string> Format = new("--format") { Description = "Console output: text or json (the result).", DefaultValueFactory = _ => "text" };

    /// <summary>Creates the verb.</summary>
    public CompareCommand(IConsoleInteraction console)
        : base("compare", "Align two photos of one scalp area from different sessions; measure dots, coverage, density, uniformity, change and healing.")
    {
        Format.AcceptOnlyFromAmong("text", "json");
        Arguments.Add(Before);
        Arguments.Add(After);
        foreach (var o in new Option[] { Out, MmPerPx, SessionDate, AfterDate, BeforeDate, Model, NoHealing, Targets, Format })
        {
            Options.Add(o);
        }

        SetAction(parse => ClinicCommandRunner.Run(console, () => Execute(console, parse)));
    }

    private static int Execute(IConsoleInteraction console, ParseResult parse)
    {
        var options = new PairAnalysisOptions
        {
            MmPerPx = ScaleArguments.Single(parse.GetValue(MmPerPx)),
            LastSessionDate = ParseDate(parse.GetValue(SessionDate), "--session-date"),
            AfterPhotoDate = ParseDate(parse.GetValue(AfterDate), "--after-date"),
            BeforePhotoDate = ParseDate(parse.GetValue(BeforeDate), "--before-date"),
            Version = VersionInfo.Current,
            Targets = parse.GetValue(Targets) is string targetsFile ? TargetsJson.ReadFile(targetsFile) : ClinicTargets.Default,
        };
        using var model = LoadModel(parse.GetValue(Model), parse.GetValue(NoHealing));
        var analyzer = new PairAnalyzer(options, model);
        PairAnalysis analysis;
        try
        {
            analysis = console.Progress("compare", p => analyzer.AnalyzeDetailed(parse.GetValue(Before)!, parse.GetValue(After)!, p));
        }
        catch (AlignmentFailedException ex)
        {
            // A "before" taken ahead of any work shares no skin texture with the tattooed scalp: the pair
            // cannot be compared dot by dot, but each photo can still be measured on its own.
            console.Error(ex.Message);
            console.Line("to measure each photo on its own (dots, coverage, density, uniformity, gaps): progressvision measure PHOTO --out DIR");
            return ExitCodes.AlignmentFailed;
        }

        using var owned = analysis;
        string outDir = parse.GetValue(Out)!;
        CompareOutputWriter.Write(analysis, outDir);
        var r = analysis.Result;
        if (parse.GetValue(Format) == "json")
        {
            console.Line(JsonSerializer.Serialize(r, CompareResultJsonContext.Default.CompareResult));
            return ExitCodes.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        console.Line($"aligned: {r.Alignment.Inliers} inliers of {r.Alignment.Matches} matches, residual {r.Alignment.ResidualPx.ToString("0.00", inv)} px, overlap {r.Alignment.Overlap.ToString("P0", inv)}{(r.Alignment.WarpGrid is null ? "" : ", non-rigid correction applied")}");
        console.Table(["", "dots", "coverage", "density", "NN CV", "Clark–Evans R", "size CV", "local density CV", "gaps"],
            new[] { ("before", r.Before), ("after", r.After) }.Select(p => (IReadOnlyList<string>)
            [
                p.Item1, p.Item2.DotCount.ToString(inv) + (p.Item2.RecoveredDots > 0 ? $" ({p.Item2.RecoveredDots.ToString(inv)} recovered)" : ""), p.Item2.Coverage.ToString("P1", inv),
                p.Item2.DensityPerCm2 is double d ? $"{d.ToString("0.0", inv)} /cm²" : $"{p.Item2.DensityPer1000Px2.ToString("0.00", inv)} /1000 px²",
                p.Item2.Uniformity.NnCv.ToString("0.00", inv), p.Item2.Uniformity.ClarkEvansR.ToString("0.00", inv),
                p.Item2.Uniformity.SizeCv.ToString("0.00", inv), p.Item2.Uniformity.LocalDensityCv.ToString("0.00", inv), p.Item2.Gaps.Count.ToString(inv),
            ]));
        console.Line($"change: {r.Change.Retained} retained, {r.Change.Faded} faded, {r.Change.Lost} lost, {r.Change.New} new (retention {r.Change.RetentionRate.ToString("P0", inv)})");
        foreach (var f in r.Flags)
        {
            console.Line($"flag {f.Type} score {f.Score.ToString("0.00", inv)} at [{string.Join(",", f.Box.Select(v => v.ToString("0", inv)))}]: " +
                         string.Join(", ", f.Evidence.Select(kv => $"{kv.Key} {kv.Value.ToString("0.###", inv)}")) + (f.Note is null ? "" : $" — {f.Note}"));
        }

        console.Line($"recommendation: {r.Recommendation.Action} (another session: {(r.Recommendation.AdditionalSession ? "yes" : "no")}, confidence {r.Recommendation.Confidence.ToString("0.00", inv)})");
        foreach (var reason in r.Recommendation.Reasons)
        {
            console.Line($"  - {reason}");
        }

        foreach (var w in r.Warnings)
        {
            console.Warning(w);
        }

        console.Line($"wrote {outDir}");
        return ExitCodes.Ok;
    }

    private static HealingModel? LoadModel(string? path, bool skip)
    {
        if (skip)
        {
            return null;
        }

        string? p = path ?? HealingModel.DefaultPath();
        return p is null ? null : HealingModel.Load(p);
    }

    private static DateOnly? ParseDate(string? s, string option)
    {
        if (s is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new CliException(ExitCodes.Usage, $"{option} '{s}' is not a date (yyyy-MM-dd)");
    }
}
