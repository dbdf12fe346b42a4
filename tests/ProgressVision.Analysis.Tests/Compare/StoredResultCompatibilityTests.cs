using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Tests.Compare;

public sealed class StoredResultCompatibilityTests
{
    // A result.json as an early version wrote it: no flags, warnings, gaps, fade clusters, recommendation
    // action, client reasons or targets. Clinics keep such results in their databases.
    private const string Early = """
        {
          "version": "0.1.0",
          "inputs": { "before": { "file": "b.jpg", "sha256": "00", "width": 800, "height": 600 },
                      "after":  { "file": "a.jpg", "sha256": "11", "width": 800, "height": 600, "daysSinceSession": 14 } },
          "alignment": { "homography": [1,0,0,0,1,0,0,0,1], "inliers": 40, "residualPx": 0.4 },
          "before": { "coverage": 0.04, "densityPerCm2": 40, "densityPer1000Px2": 1.0, "dotCount": 300,
                      "uniformity": { "nnCv": 0.3, "clarkEvansR": 1.2, "sizeCv": 0.2, "localDensityCv": 0.3 } },
          "after":  { "coverage": 0.05, "densityPerCm2": 50, "densityPer1000Px2": 1.25, "dotCount": 380,
                      "uniformity": { "nnCv": 0.3, "clarkEvansR": 1.2, "sizeCv": 0.2, "localDensityCv": 0.3 } },
          "change": { "retained": 290, "faded": 5, "lost": 5, "new": 90, "retentionRate": 0.97 },
          "recommendation": { "additionalSession": true, "confidence": 0.6, "reasons": ["density 50.0 dots/cm² is below the target 60 dots/cm²"] }
        }
        """;

    [Fact]
    public void An_early_result_reads_back_with_empty_lists_and_an_action_that_matches_its_decision()
    {
        var r = JsonSerializer.Deserialize(Early, CompareResultJsonContext.Default.CompareResult)!;
        Assert.Empty(r.Flags);
        Assert.Empty(r.Warnings);
        Assert.Empty(r.After.Gaps);
        Assert.Empty(r.Change.FadeClusters);
        Assert.Equal(SessionRecommender.ActionTreat, r.Recommendation.Action);
        Assert.Null(r.Recommendation.Targets);

        // It can be judged again under today's targets: 50 dots/cm² and 5 % coverage against 60 and 6 %.
        var again = SessionRecommender.Recommend(r, ClinicTargets.Default);
        Assert.True(again.AdditionalSession);
        Assert.Equal(SessionRecommender.ActionTreat, again.Action);
        Assert.Equal(2, again.Reasons.Count(x => x.Contains("below the target", StringComparison.Ordinal)));
        Assert.Equal(ClinicTargets.Default, again.Targets);
    }

    [Fact]
    public void A_result_written_now_reads_back_equal_in_every_field_it_wrote()
    {
        var r = JsonSerializer.Deserialize(Early, CompareResultJsonContext.Default.CompareResult)!;
        var now = r with { Recommendation = SessionRecommender.Recommend(r, ClinicTargets.Default with { TargetDensityPerCm2 = 45 }) };
        string json = JsonSerializer.Serialize(now, CompareResultJsonContext.Default.CompareResult);
        var back = JsonSerializer.Deserialize(json, CompareResultJsonContext.Default.CompareResult)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, CompareResultJsonContext.Default.CompareResult));
        Assert.Equal(45, back.Recommendation.Targets!.TargetDensityPerCm2);
    }
}
