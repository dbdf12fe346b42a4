using System.CommandLine;
using System.Diagnostics;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Imaging.Codecs;

namespace ProgressVision.Cli.Commands;

/// <summary>
/// <c>progressvision fuzz FILE... --iterations N --seed S</c>: a longer manual mutation-fuzz run of the
/// image decoders than the unit tests do. Any exception other than the two image exceptions is a bug:
/// the mutant is saved beside the temp directory and the command fails.
/// </summary>
public sealed class FuzzCommand : Command
{
    private static readonly Argument<FileInfo[]> FilesArgument = new("files")
    {
        Description = "Valid JPEG/PNG files to mutate.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<int> IterationsOption = new("--iterations")
    {
        Description = "Number of mutants to decode.",
        DefaultValueFactory = _ => 100_000,
    };

    private static readonly Option<int> SeedOption = new("--seed")
    {
        Description = "Random seed (same seed, same mutants).",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>Creates the verb.</summary>
    public FuzzCommand(IConsoleInteraction console)
        : base("fuzz", "Mutation-fuzz the image decoders with seed files; fails if anything but an image error escapes.")
    {
        Arguments.Add(FilesArgument);
        Options.Add(IterationsOption);
        Options.Add(SeedOption);
        SetAction(parse => ClinicCommandRunner.Run(console, () => Execute(console, parse.GetValue(FilesArgument)!, parse.GetValue(IterationsOption), parse.GetValue(SeedOption))));
    }

    private static int Execute(IConsoleInteraction console, FileInfo[] files, int iterations, int seed)
    {
        var seeds = new List<byte[]>();
        foreach (var f in files)
        {
            if (!f.Exists)
            {
                throw new CliException(ExitCodes.BadInput, $"{f}: file not found");
            }

            seeds.Add(File.ReadAllBytes(f.FullName));
        }

        string crashDir = Path.Combine(Path.GetTempPath(), "progressvision-fuzz-crashes");
        var sw = Stopwatch.StartNew();
        var stats = CodecFuzzer.Run(seeds, iterations, seed, (i, data, ex) =>
        {
            Directory.CreateDirectory(crashDir);
            string path = Path.Combine(crashDir, $"seed{seed}-iter{i}.bin");
            File.WriteAllBytes(path, data);
            console.Error($"iteration {i}: {ex.GetType().Name}: {ex.Message} (mutant saved to {path})");
        });
        console.Line($"{iterations} mutants in {sw.Elapsed.TotalSeconds:F1} s ({iterations / Math.Max(0.001, sw.Elapsed.TotalSeconds):F0}/s): {stats}");
        return stats.Unexpected == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
