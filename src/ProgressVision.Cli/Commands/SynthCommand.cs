using System.CommandLine;
using System.Globalization;
using ProgressVision.Cli.Interaction;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Output;

namespace ProgressVision.Cli.Commands;

/// <summary>
/// <c>progressvision synth</c>: writes synthetic BEFORE/AFTER cases with ground truth (one folder per
/// case), or with <c>--sample</c> the multi-client sample dataset layout of <c>datasets-sample/</c>.
/// </summary>
public sealed class SynthCommand : Command
{
    private static readonly Option<string> OutOption = new("--out") { Description = "Output folder (created if missing).", Required = true };
    private static readonly Option<int> CasesOption = new("--cases") { Description = "Number of cases.", DefaultValueFactory = _ => 10 };
    private static readonly Option<ulong> SeedOption = new("--seed") { Description = "Seed; the same seed gives identical files.", DefaultValueFactory = _ => 1UL };
    private static readonly Option<string> PresetOption = new("--preset") { Description = "easy | mixed | hard | curved | nooverlap | healing.", DefaultValueFactory = _ => "mixed" };
    private static readonly Option<string> SizeOption = new("--size") { Description = "Photo size WxH (e.g. 1200x900, 4032x3024).", DefaultValueFactory = _ => "1200x900" };
    private static readonly Option<string> FormatOption = new("--format") { Description = "Photo format: png | jpeg.", DefaultValueFactory = _ => "jpeg" };
    private static readonly Option<bool> SampleOption = new("--sample") { Description = "Write the sample dataset (3 clients × 2–3 sessions × 2 views) instead of cases." };

    /// <summary>Creates the verb.</summary>
    public SynthCommand(IConsoleInteraction console)
        : base("synth", "Render synthetic scalp photos with ground truth (dots, masks, mapping, metrics).")
    {
        Options.Add(OutOption);
        Options.Add(CasesOption);
        Options.Add(SeedOption);
        Options.Add(PresetOption);
        Options.Add(SizeOption);
        Options.Add(FormatOption);
        Options.Add(SampleOption);
        SetAction(parse =>
        {
            // The parser's default exception handler would turn a CliException into exit code 1.
            try
            {
                return Run(console, parse);
            }
            catch (CliException ex)
            {
                console.Error(ex.Message);
                return ex.ExitCode;
            }
        });
    }

    private static int Run(IConsoleInteraction console, ParseResult parse)
    {
        string outDir = parse.GetValue(OutOption)!;
        int cases = parse.GetValue(CasesOption);
        ulong seed = parse.GetValue(SeedOption);
        var (w, h) = ParseSize(parse.GetValue(SizeOption)!);
        var format = ParseFormat(parse.GetValue(FormatOption)!);
        if (cases < 1)
        {
            throw new CliException(ExitCodes.Usage, $"--cases: must be at least 1, got {cases}.");
        }

        try
        {
            if (parse.GetValue(SampleOption))
            {
                var manifest = console.Progress("Rendering sample dataset", p =>
                    SampleDataset.Write(outDir, seed, format, w, h, new Progress<string>(s => p.Report((0, s)))));
                console.Line($"{outDir}: {manifest.Clients.Sum(c => c.Sessions.Sum(s => s.Photos.Count))} photos, {manifest.Pairs.Count} pairs, manifest.json");
                return ExitCodes.Ok;
            }

            var preset = ParsePreset(parse.GetValue(PresetOption)!);
            var rows = new List<IReadOnlyList<string>>();
            console.Progress("Rendering cases", p =>
            {
                for (int i = 0; i < cases; i++)
                {
                    var c = SynthCase.Generate(seed + (ulong)i, preset, w, h);
                    p.Report(((double)i / cases, c.Name));
                    using var pair = c.Render();
                    CaseWriter.WriteCase(pair, Path.Combine(outDir, c.Name), format);
                    var t = pair.Truth;
                    rows.Add([c.Name, t.Before.SkinTone, t.After.Metrics.DotCount.ToString(CultureInfo.InvariantCulture),
                        t.After.Metrics.Coverage.ToString("F3", CultureInfo.InvariantCulture), t.Pair.Overlap.ToString("F2", CultureInfo.InvariantCulture),
                        t.Pair.HomographyMaxErrorPx.ToString("F2", CultureInfo.InvariantCulture)]);
                }

                return 0;
            });
            console.Table(["case", "skin", "dots (after)", "coverage (after)", "overlap", "homography max err px"], rows);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{outDir}: cannot write ({ex.Message}).", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message, ex);
        }
    }

    private static (int W, int H) ParseSize(string s)
    {
        var parts = s.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h) && w is >= 64 and <= 8192 && h is >= 64 and <= 8192)
        {
            return (w, h);
        }

        throw new CliException(ExitCodes.Usage, $"--size: expected WxH with 64..8192 each (e.g. 1200x900), got '{s}'.");
    }

    private static PhotoFileFormat ParseFormat(string s) => s.ToLowerInvariant() switch
    {
        "png" => PhotoFileFormat.Png,
        "jpeg" or "jpg" => PhotoFileFormat.Jpeg,
        _ => throw new CliException(ExitCodes.Usage, $"--format: expected png or jpeg, got '{s}'."),
    };

    private static SynthPreset ParsePreset(string s) =>
        Enum.TryParse<SynthPreset>(s, ignoreCase: true, out var p) && Enum.IsDefined(p)
            ? p
            : throw new CliException(ExitCodes.Usage, $"--preset: expected one of {string.Join(", ", Enum.GetNames<SynthPreset>().Select(n => n.ToLowerInvariant()))}, got '{s}'.");
}
