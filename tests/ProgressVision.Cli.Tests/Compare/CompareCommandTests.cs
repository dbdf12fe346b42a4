using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging.Codecs.Png;
using ProgressVision.Synth.Cases;
using Xunit.Abstractions;

namespace ProgressVision.Cli.Tests.Compare;

public sealed class CompareCommandTests(ITestOutputHelper output) : CommandRun(output, "pv-compare-")
{
    private (string Before, string After, SynthPair Pair) Render(ulong seed, SynthPreset preset)
    {
        var pair = SynthCase.Generate(seed, preset).Render();
        string b = Path.Combine(Dir, $"before-{seed}.png"), a = Path.Combine(Dir, $"after-{seed}.png");
        using (var f = File.Create(b))
        {
            PngEncoder.Encode(pair.Before.Rgb, f);
        }

        using (var f = File.Create(a))
        {
            PngEncoder.Encode(pair.After.Rgb, f);
        }

        return (b, a, pair);
    }

    [Fact]
    public void Compare_writes_a_complete_result_that_agrees_with_synthetic_truth()
    {
        var (b, a, pair) = Render(31337, SynthPreset.Easy);
        using var _ = pair;
        string outDir = Path.Combine(Dir, "out");
        var (code, _, err) = Run("compare", b, a, "--out", outDir, "--mm-per-px", "0.05", "--no-healing");
        Assert.True(code == 0, err);
        foreach (var f in new[] { "result.json", "dots-before.csv", "dots-after.csv", "after-on-before.jpg", "checkerboard.jpg", "heatmap.jpg", "dot-change.jpg" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), $"{f} missing");
        }

        var result = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(outDir, "result.json")), CompareResultJsonContext.Default.CompareResult)!;
        // Alignment: mapped AFTER points land within 1.5 px of where the truth mapping puts them, over a lattice.
        var h = ProgressVision.Imaging.Geometry.Homography.FromArray(result.Alignment.Homography);
        var errors = new List<double>();
        for (int y = 100; y < pair.After.Rgb.Height - 100; y += 50)
        {
            for (int x = 100; x < pair.After.Rgb.Width - 100; x += 50)
            {
                var (tx, ty) = pair.MapAfterToBefore(x, y);
                if (tx < 0 || ty < 0 || tx >= pair.Before.Rgb.Width || ty >= pair.Before.Rgb.Height)
                {
                    continue;
                }

                var (mx, my) = h.Map(x, y);
                errors.Add(Math.Sqrt(((mx - tx) * (mx - tx)) + ((my - ty) * (my - ty))));
            }
        }

        errors.Sort();
        Assert.True(errors[errors.Count / 2] < 1.5, $"median alignment error {errors[errors.Count / 2]:0.00} px");
        // Dot counts in the CSVs match the result, and density is within 15% of the truth (an end-to-end sanity bound; the Analysis tests hold the tight targets).
        Assert.Equal("x,y,radius,contrast", File.ReadAllLines(Path.Combine(outDir, "dots-before.csv"))[0]);
        Assert.NotNull(result.Before.DensityPerCm2);
        double truthDensity = pair.Truth.Before.Metrics.DensityPerCm2;
        Assert.InRange(result.Before.DensityPerCm2!.Value, truthDensity * 0.85, truthDensity * 1.15);
        Assert.True(result.Change.New >= 0 && result.Change.RetentionRate is >= 0 and <= 1);
        Assert.NotEmpty(result.Recommendation.Reasons);
    }

    [Fact]
    public void Non_overlapping_photos_fail_cleanly_and_leave_no_output()
    {
        var (b, a, pair) = Render(777, SynthPreset.NoOverlap);
        pair.Dispose();
        string outDir = Path.Combine(Dir, "none");
        var (code, stdout, err) = Run("compare", b, a, "--out", outDir, "--no-healing");
        Assert.Equal(ExitCodes.AlignmentFailed, code);
        Assert.Contains("do not show the same area", err);
        Assert.Contains("progressvision measure", stdout);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(Dir, ".none.partial-*"));
    }

    [Fact]
    public void Missing_corrupt_and_composite_inputs_name_the_file_and_problem()
    {
        var (b, a, pair) = Render(4321, SynthPreset.Easy);
        pair.Dispose();
        string missing = Path.Combine(Dir, "nope.jpg");
        var r1 = Run("compare", missing, a, "--out", Path.Combine(Dir, "o1"), "--no-healing");
        Assert.Equal(ExitCodes.BadInput, r1.Code);
        Assert.Contains("nope.jpg", r1.Err);

        string corrupt = Path.Combine(Dir, "corrupt.png");
        var bytes = File.ReadAllBytes(b);
        File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 3)]);
        var r2 = Run("compare", corrupt, a, "--out", Path.Combine(Dir, "o2"), "--no-healing");
        Assert.Equal(ExitCodes.BadInput, r2.Code);
        Assert.Contains("corrupt.png", r2.Err);
        Assert.False(Directory.Exists(Path.Combine(Dir, "o2")));
    }
}
