using System.Globalization;
using System.Text.Json;
using ProgressVision.Analysis.Registration;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Synth.Truth;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Registration;

/// <summary>
/// Every consecutive-session pair of the committed sample dataset (the photos the main job
/// <c>demo</c> analyses, as JPEG files) aligns within the issue 4 targets against the pair's truth
/// grid (exact BEFORE position of every 16th AFTER pixel, written by Synth). Regression: both
/// client-b pairs (very dark skin, hard conditions, roll ±52–55°) used to be refused.
/// </summary>
public sealed class SampleDatasetAlignmentTests(ITestOutputHelper output)
{
    private const double MedianLimitPx = 0.5;
    private const double P95LimitPx = 1.5;

    public static TheoryData<string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string>();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(SampleRoot(), "manifest.json")));
        foreach (var pair in manifest.RootElement.GetProperty("pairs").EnumerateArray())
        {
            data.Add(pair.GetProperty("before").GetString()!, pair.GetProperty("after").GetString()!, pair.GetProperty("truth").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void SamplePairAlignsWithinTargets(string before, string after, string truth)
    {
        string root = SampleRoot();
        using var b = ImageCodecs.Decode(Path.Combine(root, before));
        using var a = ImageCodecs.Decode(Path.Combine(root, after));
        var pairTruth = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(root, truth)), SynthJsonContext.Default.PairTruth)
            ?? throw new InvalidOperationException($"{truth}: empty truth file");
        var alignment = new ScalpRegistration().Align(b.Pixels, a.Pixels);

        var grid = pairTruth.Grid;
        var errors = new List<double>();
        for (int i = 0; i < grid.X.Length; i++)
        {
            if (grid.X[i] is not double tx || grid.Y[i] is not double ty)
            {
                continue;
            }

            var (mx, my) = alignment.MapAfterToBefore((i % grid.Cols) * grid.Step, (i / grid.Cols) * grid.Step);
            errors.Add(Math.Sqrt(((mx - tx) * (mx - tx)) + ((my - ty) * (my - ty))));
        }

        errors.Sort();
        double median = errors[errors.Count / 2], p95 = errors[(int)(0.95 * (errors.Count - 1))];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{after} → {before}: median {median:0.000} p95 {p95:0.000} px over {errors.Count} grid nodes, quality {alignment.Quality:0.00}"));
        Assert.True(errors.Count > 500, $"only {errors.Count} truth nodes overlap");
        Assert.True(median <= MedianLimitPx, $"median error {median:0.000} px > {MedianLimitPx}");
        Assert.True(p95 <= P95LimitPx, $"p95 error {p95:0.000} px > {P95LimitPx}");
    }

    private static string SampleRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProgressVision.sln")))
        {
            dir = dir.Parent;
        }

        string root = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no ProgressVision.sln above the test"), "datasets-sample");
        Assert.True(Directory.Exists(root), $"{root} is missing: it is committed with the repository.");
        return root;
    }
}
