using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Cli.Bench;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;

namespace ProgressVision.Cli.Commands;

/// <summary>
/// <c>progressvision bench</c>: runs the bench sections (<see cref="BenchSections.All"/>), each timing our
/// code against an anchor implementation, and prints name, ours, anchor and the ratio.
/// </summary>
public sealed class BenchCommand : Command
{
    private static readonly Option<int> IterationsOption = new("--iterations")
    {
        Description = "Timed repetitions per measurement (the best is reported).",
        DefaultValueFactory = _ => 7,
    };

    private static readonly Option<string[]> SectionOption = new("--section")
    {
        Description = "Run only these sections (default: all).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string> FormatOption = new("--format")
    {
        Description = "Output format: text or json.",
        DefaultValueFactory = _ => "text",
    };

    /// <summary>Creates the verb.</summary>
    public BenchCommand(IConsoleInteraction console)
        : base("bench", "Time our implementations against reference tools (e.g. JPEG decode vs djpeg) and print the ratios.")
    {
        FormatOption.AcceptOnlyFromAmong("text", "json");
        Options.Add(IterationsOption);
        Options.Add(SectionOption);
        Options.Add(FormatOption);
        SetAction(parse => ClinicCommandRunner.Run(console, () => Execute(console, parse.GetValue(IterationsOption), parse.GetValue(SectionOption) ?? [], parse.GetValue(FormatOption) ?? "text")));
    }

    private static int Execute(IConsoleInteraction console, int iterations, string[] sections, string format)
    {
        if (iterations < 1)
        {
            throw new CliException(ExitCodes.Usage, "--iterations must be at least 1");
        }

        var chosen = BenchSections.All.Where(s => sections.Length == 0 || sections.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, $"no bench section named {string.Join(", ", sections)}; known: {string.Join(", ", BenchSections.All.Select(s => s.Name))}");
        }

        string work = Path.Combine(Path.GetTempPath(), $"progressvision-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var results = new List<BenchResult>();
        try
        {
            var context = new BenchContext(iterations, work, console);
            foreach (var section in chosen)
            {
                if (format != "json")
                {
                    console.Line($"running {section.Name} ...");
                }

                results.Add(section.Run(context));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        if (format == "json")
        {
            console.Line(JsonSerializer.Serialize(results, BenchJsonContext.Default.ListBenchResult));
            return ExitCodes.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        console.Table(
            ["section", "case", "ours ms", "anchor", "anchor ms", "ratio"],
            results.Select(r => (IReadOnlyList<string>)
            [
                r.Section,
                r.Case,
                r.OursMs.ToString("F1", inv),
                r.Anchor ?? "-",
                r.AnchorMs?.ToString("F1", inv) ?? "-",
                r.Ratio?.ToString("F2", inv) ?? "-",
            ]));
        foreach (var r in results)
        {
            console.Line($"{r.Section}: {r.Note}");
        }

        return ExitCodes.Ok;
    }
}
