using System.Text.Json;

namespace ProgressVision.Cli.Tests.Clinic;

/// <summary>
/// A photo's scale given at <c>session add</c> reaches the analysis: <c>status</c> then reports
/// dots/cm², checked against the Synth truth shipped with the bundled sample photos.
/// </summary>
public sealed class PhotoScaleWorkflowTests
{
    private static string SampleRoot()
    {
        string root = Path.Combine(RepoPaths.Root(), "datasets-sample");
        Assert.True(Directory.Exists(root), $"{root} is missing: it is committed with the repository.");
        return root;
    }

    private static JsonElement Truth(string root, string photo)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "client-a", Path.ChangeExtension(photo, ".truth.json"))));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void ScaleGivenAtImport_GivesDotsPerCm2_MatchingTheSyntheticTruth()
    {
        string root = SampleRoot();
        using var fx = new ClinicFixture();
        Assert.Equal(0, CapturingConsole.Run("client", "add", "Ann", "--db", fx.Db).Code);
        string[] photos = ["s1-crown.jpg", "s2-crown.jpg"];
        for (int s = 0; s < 2; s++)
        {
            var truth = Truth(root, photos[s]);
            string mm = truth.GetProperty("mmPerPx").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            var (code, c) = CapturingConsole.Run("session", "add", "--client", "Ann", "--date", truth.GetProperty("date").GetString()!,
                "--photo", $"crown={Path.Combine(root, "client-a", photos[s])}", "--mm-per-px", $"crown={mm}", "--db", fx.Db);
            Assert.True(code == 0, c.Err);
        }

        var (exportCode, export) = CapturingConsole.Run("export", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.True(exportCode == 0, export.Err);
        Assert.Contains("\"mmPerPx\": 0.0", export.Out, StringComparison.Ordinal);

        var (analyzeCode, analyze) = CapturingConsole.Run("analyze", "--client", "Ann", "--db", fx.Db);
        Assert.True(analyzeCode == 0, analyze.Err + analyze.Out);
        var (statusCode, status) = CapturingConsole.Run("status", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.True(statusCode == 0, status.Err);
        using var doc = JsonDocument.Parse(status.Out);
        var sessions = doc.RootElement.GetProperty("views")[0].GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        for (int s = 0; s < 2; s++)
        {
            Assert.Equal("dots/cm²", sessions[s].GetProperty("densityUnit").GetString());
            double truthDensity = Truth(root, photos[s]).GetProperty("metrics").GetProperty("densityPerCm2").GetDouble();
            double measured = sessions[s].GetProperty("density").GetDouble();
            // Issue 4's density target (5 %) holds on this light-skin sample; session 2's scale comes
            // through the alignment, so this also checks that the scale is carried across the pair.
            Assert.True(Math.Abs(measured - truthDensity) <= 0.05 * truthDensity,
                $"session {s + 1}: measured {measured:0.0} dots/cm², truth {truthDensity:0.0}");
        }
    }

    [Theory]
    [InlineData("0", "expected 0 < mm/px < 10")]
    [InlineData("crown=abc", "expected 0 < mm/px < 10")]
    [InlineData("front=0.05", "no --photo has")]
    public void BadScaleArgument_IsAUsageError_AndNothingIsStored(string scale, string message)
    {
        string root = SampleRoot();
        using var fx = new ClinicFixture();
        Assert.Equal(0, CapturingConsole.Run("client", "add", "Ann", "--db", fx.Db).Code);
        var (code, c) = CapturingConsole.Run("session", "add", "--client", "Ann", "--date", "2026-02-09",
            "--photo", $"crown={Path.Combine(root, "client-a", "s1-crown.jpg")}", "--mm-per-px", scale, "--db", fx.Db);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, c.Err, StringComparison.Ordinal);
        var (_, status) = CapturingConsole.Run("export", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.DoesNotContain("s1-crown", status.Out, StringComparison.Ordinal);
    }
}
