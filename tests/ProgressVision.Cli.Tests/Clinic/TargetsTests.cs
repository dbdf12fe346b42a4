using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using ProgressVision.Cli.Clinic;
using ProgressVision.Store;

namespace ProgressVision.Cli.Tests.Clinic;

public sealed class TargetsTests
{
    // One stored pair whose AFTER photo measures 70 dots/cm² and 30 % coverage, analysed under the default
    // targets (60 dots/cm², 6 %): nothing to add. What the recommendation says next is worked out by hand
    // from the targets alone (density below target → another session), never from the stored text.
    private static ClinicFixture StoredClient()
    {
        var fx = new ClinicFixture();
        CapturingConsole.Run("client", "add", "Ann", "--db", fx.Db);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(0, CapturingConsole.Run("session", "add", "--client", "Ann", "--date", $"2024-0{i + 1}-10", "--photo", $"front={fx.Png($"f{i}.png", i)}", "--db", fx.Db).Code);
        }

        using var store = ClinicStore.Open(fx.Db);
        var pair = store.PlanPairs(store.GetClient("Ann").Id)[0];
        var after = ResultFixture.Metrics(0.30, 70, 400, nnCv: 0.2, r: 1.4);
        var result = ResultFixture.Pair(ResultFixture.Metrics(0.2, 50, 300), after, false) with { Change = new DotChangeSummary(100, 2, 1, 40, 0.97) };
        var rec = SessionRecommender.Recommend(after, result.Change, [], 14, null, ClinicTargets.Default);
        Assert.False(rec.AdditionalSession);
        store.SaveAnalysis(pair.Before.Id, pair.After.Id, JsonSerializer.Serialize(result with { Recommendation = rec }, CompareResultJsonContext.Default.CompareResult), null, null, "test");
        return fx;
    }

    private static JsonElement Recommendation(ClinicFixture fx)
    {
        var (code, console) = CapturingConsole.Run("status", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.True(code == 0, console.Err);
        return JsonDocument.Parse(console.Out).RootElement.GetProperty("views")[0].GetProperty("recommendation").Clone();
    }

    [Fact]
    public void Clinic_and_client_density_targets_change_the_recommendation_without_reanalysis()
    {
        using var fx = StoredClient();
        Assert.False(Recommendation(fx).GetProperty("additionalSession").GetBoolean());

        // The clinic raises its density target to 80: 70 dots/cm² is now short.
        Assert.Equal(0, CapturingConsole.Run("targets", "set", "--density", "80", "--db", fx.Db).Code);
        var raised = Recommendation(fx);
        Assert.True(raised.GetProperty("additionalSession").GetBoolean());
        Assert.Contains(raised.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("density 70.0 dots/cm² is below the target 80", StringComparison.Ordinal));
        Assert.Equal(80, raised.GetProperty("targets").GetProperty("targetDensityPerCm2").GetDouble());

        var (_, text) = CapturingConsole.Run("status", "--client", "Ann", "--db", fx.Db);
        Assert.Contains("Judged against: density ≥ 80 dots/cm²", text.Out, StringComparison.Ordinal);

        // Ann's own target (her native density at the sides) is 65: she is done; the clinic's coverage target still applies.
        Assert.Equal(0, CapturingConsole.Run("targets", "set", "--client", "Ann", "--density", "65", "--db", fx.Db).Code);
        Assert.Equal(0, CapturingConsole.Run("targets", "set", "--coverage", "0.08", "--db", fx.Db).Code);
        var own = Recommendation(fx);
        Assert.False(own.GetProperty("additionalSession").GetBoolean());
        var (_, show) = CapturingConsole.Run("targets", "show", "--client", "Ann", "--db", fx.Db, "--format", "json");
        var shown = JsonDocument.Parse(show.Out).RootElement;
        Assert.Equal((65.0, 0.08), (shown.GetProperty("targetDensityPerCm2").GetDouble(), shown.GetProperty("targetCoverage").GetDouble()));

        // Cleared, the clinic's 80 applies again; reset, the defaults.
        Assert.Equal(0, CapturingConsole.Run("targets", "reset", "--client", "Ann", "--db", fx.Db).Code);
        Assert.True(Recommendation(fx).GetProperty("additionalSession").GetBoolean());
        Assert.Equal(0, CapturingConsole.Run("targets", "reset", "--db", fx.Db).Code);
        var back = Recommendation(fx);
        Assert.False(back.GetProperty("additionalSession").GetBoolean());
        Assert.Equal(ClinicTargets.Default.TargetDensityPerCm2, back.GetProperty("targets").GetProperty("targetDensityPerCm2").GetDouble());
    }

    [Fact]
    public void Implausible_or_misplaced_targets_are_refused_and_nothing_changes()
    {
        using var fx = StoredClient();
        var (c1, o1) = CapturingConsole.Run("targets", "set", "--coverage", "2", "--max-faded", "-1", "--db", fx.Db);
        Assert.Equal(ExitCodes.Usage, c1);
        Assert.Contains("targetCoverage 2 is outside (0, 1]", o1.Err, StringComparison.Ordinal);
        Assert.Contains("maxFadedFraction -1", o1.Err, StringComparison.Ordinal);

        var (c2, o2) = CapturingConsole.Run("targets", "set", "--client", "Ann", "--coverage", "0.1", "--db", fx.Db);
        Assert.Equal(ExitCodes.Usage, c2);
        Assert.Contains("only --density can be set per client", o2.Err, StringComparison.Ordinal);

        var (c3, o3) = CapturingConsole.Run("targets", "set", "--client", "Nobody", "--density", "70", "--db", fx.Db);
        Assert.Equal(ExitCodes.StoreError, c3);
        Assert.Contains("Nobody", o3.Err, StringComparison.Ordinal);

        var (c4, _) = CapturingConsole.Run("targets", "set", "--client", "Ann", "--density", "5000", "--db", fx.Db);
        Assert.NotEqual(0, c4);

        var (_, show) = CapturingConsole.Run("targets", "show", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.Equal(ClinicTargets.Default, JsonSerializer.Deserialize(show.Out, TargetsDocumentJsonContext.Default.TargetsDocument)!.ToTargets());
    }

    [Fact]
    public void Compare_targets_file_errors_name_the_file_and_the_field()
    {
        using var fx = new ClinicFixture();
        string misspelt = fx.File("misspelt.json");
        File.WriteAllText(misspelt, "{ \"targetDensity\": 70 }");
        var (c1, o1) = CapturingConsole.Run("compare", "b.jpg", "a.jpg", "--out", fx.File("o1"), "--targets", misspelt);
        Assert.Equal(ExitCodes.BadInput, c1);
        Assert.Contains("misspelt.json", o1.Err, StringComparison.Ordinal);
        Assert.Contains("targetDensity", o1.Err, StringComparison.Ordinal);

        string range = fx.File("range.json");
        File.WriteAllText(range, "{ \"targetCoverage\": 1.5 }");
        var (c2, o2) = CapturingConsole.Run("compare", "b.jpg", "a.jpg", "--out", fx.File("o2"), "--targets", range);
        Assert.Equal(ExitCodes.BadInput, c2);
        Assert.True(o2.Err.Contains("range.json: targetCoverage 1.5 is outside (0, 1]", StringComparison.Ordinal), o2.Err);

        var (c3, o3) = CapturingConsole.Run("compare", "b.jpg", "a.jpg", "--out", fx.File("o3"), "--targets", fx.File("none.json"));
        Assert.Equal(ExitCodes.BadInput, c3);
        Assert.True(o3.Err.Contains("none.json: file not found", StringComparison.Ordinal), o3.Err);
        Assert.False(Directory.Exists(fx.File("o1")) || Directory.Exists(fx.File("o2")) || Directory.Exists(fx.File("o3")));
    }
}
