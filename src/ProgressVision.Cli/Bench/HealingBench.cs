using System.Globalization;
using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Geometry;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Cli.Bench;

/// <summary>
/// Healing inference on a 12 MP (4032×3024) aligned pair: model planes, tile choice and the shipped model
/// through our ONNX Runtime binding. No anchor: the figure is held against issue 5's 300 ms budget.
/// </summary>
/// <remarks>
/// <c>healing-12mp</c> is a synthetic scalp pair with healing findings (Synth preset Healing, AFTER put on
/// BEFORE through the true mapping, tiles centred on scalp as the compare pipeline chooses them), analysed
/// as shipped (full grid). <c>healing-12mp-full-grid</c> is the worst case the budget was first
/// measured on: textured noise, every tile valid, every tile of the stride-32 grid classified. Both run as shipped:
/// through the dense form when it is exact (<see cref="HealingModel.DenseIsExact"/>). <c>healing-12mp-tiles</c> is
/// the first pair with every tile classified on its own (<see cref="HealingAnalyzer.DenseGrid"/> false), the
/// same numbers at up to four times the model's work.
/// </remarks>
public sealed class HealingBench(bool fullGridNoise, bool tileByTile = false) : IBenchSection
{
    private const int Width = 4032, Height = 3024;
    private const ulong Seed = 5105;

    /// <summary>Both healing sections.</summary>
    public static IReadOnlyList<IBenchSection> Sections { get; } = [new HealingBench(false), new HealingBench(true), new HealingBench(false, tileByTile: true)];

    /// <inheritdoc />
    public string Name => fullGridNoise ? "healing-12mp-full-grid" : tileByTile ? "healing-12mp-tiles" : "healing-12mp";

    /// <inheritdoc />
    public BenchResult Run(BenchContext context)
    {
        string? path = HealingModel.DefaultPath() ?? throw new CliException(ExitCodes.InferenceFailed, "healing model not found next to the program");
        using var model = HealingModel.Load(path, denseForm: tileByTile ? false : null);
        using var before = new PixelBuffer<byte>(Width, Height, 3);
        using var after = new PixelBuffer<byte>(Width, Height, 3);
        using var valid = new PixelBuffer<byte>(Width, Height, 1);
        Func<int, int, bool>? include = null;
        PixelBuffer<byte>? regions = null;
        string what;
        if (fullGridNoise)
        {
            var rng = new Random(1234);
            rng.NextBytes(before.Span);
            rng.NextBytes(after.Span);
            valid.Span.Fill(255);
            what = "textured noise, every tile valid, full grid";
        }
        else
        {
            using var pair = SynthCase.Generate(Seed, SynthPreset.Healing, Width, Height).Render();
            pair.Before.Rgb.Span.CopyTo(before.Span);
            MappedWarp.WarpRgb(pair.After.Rgb, after, pair.MapBeforeToAfter, valid);
            regions = pair.Before.Masks.Regions.Clone();
            var scalp = regions;
            include = (tx, ty) =>
            {
                // As the compare pipeline: only tiles centred on scalp (here the renderer's exact scalp mask).
                const int half = HealingTileLayout.TileSize * HealingTileLayout.Downscale / 2;
                const int f = HealingTileLayout.Downscale;
                return scalp[Math.Min(Width - 1, (tx * f) + half), Math.Min(Height - 1, (ty * f) + half)] != RegionLabel.Background;
            };
            what = $"Synth healing pair (seed {Seed}), true mapping, tiles on scalp, full grid";
        }

        using (regions)
        {
            var analyzer = new HealingAnalyzer(model);
            what += model.HasDenseForm ? ", dense form" : ", tile by tile";
            HealingResult? fastest = null;
            double fastestCpuMs = 0;
            double ms = BenchTiming.BestOf(Math.Max(1, context.Iterations), 1, () =>
            {
                // CPU time of the run too: on a loaded machine wall time mostly measures the wait for a core.
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var r = analyzer.Analyze(before, after, valid, null, include);
                double cpuMs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                if (fastest is null || r.Milliseconds < fastest.Milliseconds)
                {
                    fastest = r;
                    fastestCpuMs = cpuMs;
                }
            });
            var inv = CultureInfo.InvariantCulture;
            return new BenchResult(Name, string.Create(inv, $"4032x3024 pair, {what}: {fastest!.Tiles} of {fastest.GridTiles} grid tiles classified (stride {analyzer.Stride})"), ms, null, null,
                string.Create(inv, $"best of {Math.Max(1, context.Iterations)} in process after warm-up (fastest run: {fastestCpuMs:0} ms CPU; planes and tiles {fastest.PrepareMilliseconds:0} ms, model {fastest.ModelMilliseconds:0} ms wall, {fastest.Flags.Count} flags); ") +
                $"1-min load average {LoadAverage()} on {Environment.ProcessorCount} cores; target 300 ms (issue 5)");
        }
    }

    // The machine may be shared: the 1-minute load average says how much the figure is worth (Linux only).
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
