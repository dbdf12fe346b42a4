using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Imaging.Codecs.Png;
using ProgressVision.Synth.Cases;
using Xunit.Abstractions;

namespace ProgressVision.Cli.Tests.Compare;

public sealed class MeasureCommandTests(ITestOutputHelper output) : CommandRun(output, "pv-measure-")
{
    [Fact]
    public void Measure_writes_a_complete_result_that_agrees_with_synthetic_truth()
    {
        using var pair = SynthCase.Generate(424_242, SynthPreset.Easy).Render();
        string photo = Path.Combine(Dir, "after.png");
        using (var f = File.Create(photo))
        {
            PngEncoder.Encode(pair.After.Rgb, f);
        }

        var truth = pair.Truth.After;
        string outDir = Path.Combine(Dir, "out");
        string scale = truth.MmPerPx.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var (code, _, err) = Run("measure", photo, "--out", outDir, "--mm-per-px", scale);
        Assert.True(code == 0, err);
        var result = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(outDir, "measure.json")), MeasureResultJsonContext.Default.MeasureResult)!;

        // Against the renderer's truth for this photo (Analysis tests hold the tight per-preset targets).
        var m = result.Photo;
        double countErr = Math.Abs(m.DotCount - truth.Metrics.DotCount) / (double)truth.Metrics.DotCount;
        double densityErr = Math.Abs(m.DensityPerCm2!.Value - truth.Metrics.DensityPerCm2) / truth.Metrics.DensityPerCm2;
        Output.WriteLine($"dots {m.DotCount} (truth {truth.Metrics.DotCount}), coverage {m.Coverage:0.0000} (truth {truth.Metrics.Coverage:0.0000}), density {m.DensityPerCm2:0.0} (truth {truth.Metrics.DensityPerCm2:0.0}), nnCv {m.Uniformity.NnCv:0.000} (truth {truth.Metrics.NnCv:0.000})");
        Assert.True(countErr <= 0.05, $"dot count off by {countErr:P1}");
        Assert.True(Math.Abs(m.Coverage - truth.Metrics.Coverage) <= 0.02, $"coverage {m.Coverage:0.000} vs {truth.Metrics.Coverage:0.000}");
        Assert.True(densityErr <= 0.08, $"density off by {densityErr:P1}");
        Assert.True(Math.Abs(m.Uniformity.NnCv - truth.Metrics.NnCv) <= 0.05, $"nnCv {m.Uniformity.NnCv:0.000} vs {truth.Metrics.NnCv:0.000}");

        // The outputs: every detected dot in the CSV, the pictures decodable at the photo's size.
        var csv = File.ReadAllLines(Path.Combine(outDir, "dots.csv"));
        Assert.Equal("x,y,radius,contrast", csv[0]);
        Assert.True(csv.Length - 1 >= m.DotCount, $"{csv.Length - 1} CSV rows for {m.DotCount} counted dots");
        foreach (var picture in new[] { "heatmap.jpg", "dots.jpg" })
        {
            using var img = ImageCodecs.Decode(Path.Combine(outDir, picture));
            Assert.Equal((pair.After.Rgb.Width, pair.After.Rgb.Height), (img.Width, img.Height));
        }

        Assert.Equal(result.Input.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(photo))));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Bad_inputs_fail_with_the_file_named_and_leave_no_output()
    {
        using var pair = SynthCase.Generate(424_243, SynthPreset.Easy).Render();
        string photo = Path.Combine(Dir, "p.png");
        using (var f = File.Create(photo))
        {
            PngEncoder.Encode(pair.Before.Rgb, f);
        }

        var truncated = Path.Combine(Dir, "cut.png");
        var bytes = File.ReadAllBytes(photo);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var r1 = Run("measure", truncated, "--out", Path.Combine(Dir, "o1"));
        Assert.Equal(ExitCodes.BadInput, r1.Code);
        Assert.Contains("cut.png", r1.Err);
        Assert.False(Directory.Exists(Path.Combine(Dir, "o1")));

        var r2 = Run("measure", photo, "--out", Path.Combine(Dir, "o2"), "--mm-per-px", "0");
        Assert.Equal(ExitCodes.Usage, r2.Code);
        Assert.False(Directory.Exists(Path.Combine(Dir, "o2")));

        // A directory holding other files is never overwritten.
        string busy = Path.Combine(Dir, "busy");
        Directory.CreateDirectory(busy);
        File.WriteAllText(Path.Combine(busy, "notes.txt"), "keep me");
        var r3 = Run("measure", photo, "--out", busy);
        Assert.Equal(ExitCodes.Usage, r3.Code);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(busy, "notes.txt")));
        Assert.Single(Directory.GetFileSystemEntries(busy));
        Assert.Empty(Directory.GetDirectories(Dir, ".*.partial-*"));

        // Without a scale the result says what its densities mean.
        var r4 = Run("measure", photo, "--out", Path.Combine(Dir, "o4"), "--format", "json");
        Assert.Equal(ExitCodes.Ok, r4.Code);
        var result = JsonSerializer.Deserialize(r4.Out, MeasureResultJsonContext.Default.MeasureResult)!;
        Assert.Null(result.Photo.DensityPerCm2);
        Assert.Contains(result.Warnings, w => w.Contains("per 1000 px²", StringComparison.Ordinal));
    }
}
