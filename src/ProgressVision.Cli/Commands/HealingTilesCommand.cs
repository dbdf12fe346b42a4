using System.CommandLine;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Training;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Cli.Commands;

/// <summary><c>healing-tiles</c>: writes the healing model's labelled training tiles from synthetic cases.</summary>
public sealed class HealingTilesCommand : Command
{
    private static readonly Option<string> Out = new("--out") { Description = "Directory for tiles.f32, labels.u8, cases.i32 and meta.json.", Required = true };
    private static readonly Option<int> Cases = new("--cases") { Description = "Number of synthetic cases.", DefaultValueFactory = _ => 240 };
    private static readonly Option<string?> Presets = new("--presets")
    {
        Description = "Comma-separated Synth presets cycled by case index (e.g. healing,hard); default: the original mix (healing, mixed, healing; every 7th case hard).",
    };

    private static readonly Option<ulong> Seed = new("--seed") { Description = "First case seed (case i uses seed+i).", DefaultValueFactory = _ => 1_000_000UL };

    private static readonly Option<int> Context = new("--context")
    {
        Description = "Plane pixels of context around each 64-px tile (0: the tile alone, as models before 2026-11-22 were trained).",
        DefaultValueFactory = _ => Analysis.Healing.HealingTileLayout.Context,
    };

    /// <summary>Creates the verb.</summary>
    public HealingTilesCommand(IConsoleInteraction console)
        : base("healing-tiles", "Write labelled healing-model training tiles rendered by the synthetic generator (see models/healing/README.md).")
    {
        Options.Add(Out);
        Options.Add(Cases);
        Options.Add(Seed);
        Options.Add(Presets);
        Options.Add(Context);
        SetAction(parse =>
        {
            string outDir = parse.GetValue(Out)!;
            int cases = parse.GetValue(Cases);
            if (cases < 3)
            {
                throw new CliException(ExitCodes.Usage, "--cases must be at least 3 (train/validation/test are split by case)");
            }

            int context = parse.GetValue(Context);
            if (context is < 0 or > 64)
            {
                throw new CliException(ExitCodes.Usage, "--context must be between 0 and 64 pixels");
            }

            SynthPreset[]? presets = null;
            if (parse.GetValue(Presets) is { } list)
            {
                presets = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name =>
                    Enum.TryParse<SynthPreset>(name, ignoreCase: true, out var p) && p is not (SynthPreset.NoOverlap or SynthPreset.Curved)
                        ? p
                        : throw new CliException(ExitCodes.Usage, $"--presets: '{name}' is not one of easy, mixed, hard, healing"))];
            }

            var counts = console.Progress("healing tiles", p => HealingTileSetWriter.Write(outDir, cases, parse.GetValue(Seed), p, presets, context));
            console.Line($"wrote {counts.Sum()} tiles to {outDir}: " + string.Join(", ", Analysis.Healing.HealingFlagTypes.ModelClasses.Select((c, i) => $"{c} {counts[i]}")));
            return ExitCodes.Ok;
        });
    }
}
