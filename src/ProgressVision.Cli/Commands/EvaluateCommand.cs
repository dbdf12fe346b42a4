using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Evaluation;
using ProgressVision.Cli.Interaction;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Cli.Commands;

/// <summary>
/// <c>progressvision evaluate</c>: runs the whole <c>compare</c> pipeline on held-out Synth pairs, scores
/// alignment, dot detection, coverage, density and uniformity against truth, prints the accuracy
/// table and optionally writes it as markdown (docs/ACCURACY.md). With <c>--size 4032x3024</c> the wall
/// time column and the peak working set are the 12 MP end-to-end figures.
/// </summary>
public sealed class EvaluateCommand : Command
{
    /// <summary>First seed of the default held-out range (never used while tuning).</summary>
    public const ulong DefaultSeed = 500_000;

    private static readonly Option<int> CasesOption = new("--cases")
    {
        Description = "Cases per preset.",
        DefaultValueFactory = _ => 4,
    };

    private static readonly Option<ulong> SeedOption = new("--seed")
    {
        Description = "Base seed; case i of preset p uses seed + 1000·p + i (default: the held-out range 500000+).",
        DefaultValueFactory = _ => DefaultSeed,
    };

    private static readonly Option<string> PresetsOption = new("--presets")
    {
        Description = "Comma-separated presets: easy, mixed, hard, curved, healing.",
        DefaultValueFactory = _ => "easy,mixed,hard,curved",
    };

    private static readonly Option<string> SizeOption = new("--size")
    {
        Description = "Photo size WxH, e.g. 1200x900 or 4032x3024 (12 MP).",
        DefaultValueFactory = _ => "1200x900",
    };

    private static readonly Option<FileInfo?> OutOption = new("--out")
    {
        Description = "Write the markdown table here (e.g. docs/ACCURACY.md).",
    };

    private static readonly Option<string> FormatOption = new("--format")
    {
        Description = "Output format: text or json.",
        DefaultValueFactory = _ => "text",
    };

    /// <summary>Creates the verb.</summary>
    public EvaluateCommand(IConsoleInteraction console)
        : base("evaluate", "Measure the compare pipeline's accuracy against synthetic truth and print (or write) the accuracy table.")
    {
        FormatOption.AcceptOnlyFromAmong("text", "json");
        Options.Add(CasesOption);
        Options.Add(SeedOption);
        Options.Add(PresetsOption);
        Options.Add(SizeOption);
        Options.Add(OutOption);
        Options.Add(FormatOption);
        SetAction(parse => ClinicCommandRunner.Run(console, () => Execute(
            console,
            parse.GetValue(CasesOption),
            parse.GetValue(SeedOption),
            parse.GetValue(PresetsOption) ?? string.Empty,
            parse.GetValue(SizeOption) ?? string.Empty,
            parse.GetValue(OutOption),
            parse.GetValue(FormatOption) ?? "text",
            parse.Tokens.Select(t => t.Value))));
    }

    /// <summary>Parses "WxH".</summary>
    public static (int Width, int Height) ParseSize(string size)
    {
        var parts = size.Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            || w < 256 || h < 256 || w > 12000 || h > 12000)
        {
            throw new CliException(ExitCodes.Usage, $"--size {size}: expected WxH with each side 256..12000, e.g. 1200x900");
        }

        return (w, h);
    }

    /// <summary>Parses the preset list.</summary>
    public static IReadOnlyList<SynthPreset> ParsePresets(string presets)
    {
        var list = new List<SynthPreset>();
        foreach (var name in presets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<SynthPreset>(name, ignoreCase: true, out var p) || p == SynthPreset.NoOverlap || !Enum.IsDefined(p) || int.TryParse(name, out _))
            {
                throw new CliException(ExitCodes.Usage, $"--presets: unknown preset '{name}'; known: easy, mixed, hard, curved, healing");
            }

            if (!list.Contains(p))
            {
                list.Add(p);
            }
        }

        return list.Count == 0 ? throw new CliException(ExitCodes.Usage, "--presets: no preset given") : list;
    }

    /// <summary>Runs the evaluation (used by the command and by tests).</summary>
    public static AccuracyReport Run(IReadOnlyList<SynthPreset> presets, int casesPerPreset, ulong seed, int width, int height, string commandLine, IProgress<(double Fraction, string Status)>? progress = null)
    {
        var all = new List<CaseEvaluation>();
        var rows = new List<PresetSummary>();
        int total = presets.Count * casesPerPreset, done = 0;
        foreach (var preset in presets)
        {
            var cases = new List<CaseEvaluation>();
            for (int i = 0; i < casesPerPreset; i++)
            {
                ulong s = seed + (1000 * (ulong)preset) + (ulong)i;
                progress?.Report(((double)done / total, $"{preset.ToString().ToLowerInvariant()}-{s}"));
                cases.Add(PipelineEvaluator.Evaluate(preset, s, width, height));
                done++;
            }

            all.AddRange(cases);
            rows.Add(PresetSummary.From(preset.ToString().ToLowerInvariant(), cases));
        }

        progress?.Report((1, "done"));
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new AccuracyReport(commandLine, DateTimeOffset.UtcNow, width, height, all, rows, self.PeakWorkingSet64);
    }

    private static int Execute(IConsoleInteraction console, int cases, ulong seed, string presets, string size, FileInfo? output, string format, IEnumerable<string> tokens)
    {
        if (cases < 1)
        {
            throw new CliException(ExitCodes.Usage, "--cases must be at least 1");
        }

        var chosen = ParsePresets(presets);
        var (w, h) = ParseSize(size);
        string commandLine = "progressvision " + string.Join(' ', tokens);
        var report = format == "json"
            ? Run(chosen, cases, seed, w, h, commandLine.Trim())
            : console.Progress("evaluating", p => Run(chosen, cases, seed, w, h, commandLine.Trim(), p));

        if (output is not null)
        {
            try
            {
                output.Directory?.Create();
                AtomicFile.WriteAllText(output.FullName, report.ToMarkdown());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Failure, $"{output.FullName}: cannot write the table ({ex.Message})", ex);
            }
        }

        if (format == "json")
        {
            console.Line(JsonSerializer.Serialize(report, AccuracyJsonContext.Default.AccuracyReport));
            return ExitCodes.Ok;
        }

        console.Table(AccuracyReport.Header, report.Rows());
        console.Table(["case", "status", "align median px", "align p95 px", "F1 before", "F1 after", "coverage abs err", "density rel err", "wall ms"], report.CaseRows());
        console.Line(string.Create(CultureInfo.InvariantCulture, $"peak working set {report.PeakWorkingSetBytes / (1024.0 * 1024.0):0} MiB; {w}x{h} photos"));
        foreach (var miss in report.Misses)
        {
            console.Line("target missed: " + miss);
        }

        if (output is not null)
        {
            console.Line($"wrote {output.FullName}");
        }

        return ExitCodes.Ok;
    }
}
