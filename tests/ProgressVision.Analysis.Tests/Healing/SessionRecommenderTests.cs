using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Tests.Healing;

public class SessionRecommenderTests
{
    private static PhotoMetrics Metrics(double coverage, double? density, double localCv = 0.2, params Gap[] gaps) => new()
    {
        Coverage = coverage,
        DensityPerCm2 = density,
        DensityPer1000Px2 = 1,
        DotCount = 100,
        Uniformity = new Uniformity(0.3, 1.2, 0.2, localCv),
        Gaps = gaps,
    };

    [Fact]
    public void Meets_targets_is_complete()
    {
        var r = SessionRecommender.Recommend(Metrics(0.12, 80), new DotChangeSummary(95, 3, 2, 40, 0.95), [], 14, 0.05, ClinicTargets.Default);
        Assert.False(r.AdditionalSession);
        Assert.Equal(SessionRecommender.ActionComplete, r.Action);
        // Clearest margin: density 80 vs 60 → (60-80)/60 = -0.333; coverage (0.06-0.12)/0.06 = -1 → max is -0.333 → 0.5+0.333.
        Assert.Equal(0.833, r.Confidence, 3);
    }

    [Fact]
    public void Low_density_asks_for_a_session_and_cites_the_numbers()
    {
        var r = SessionRecommender.Recommend(Metrics(0.12, 45), null, [], null, 0.05, ClinicTargets.Default);
        Assert.True(r.AdditionalSession);
        Assert.Contains(r.Reasons, s => s.Contains("45.0 dots/cm²") && s.Contains("60"));
        Assert.Equal(0.75, r.Confidence, 3); // (60-45)/60 = 0.25
    }

    [Fact]
    public void Large_gap_is_reported_with_its_box()
    {
        var gap = new Gap([100, 200, 180, 200, 180, 260, 100, 260], 4800, 20);
        var r = SessionRecommender.Recommend(Metrics(0.12, 80, 0.2, gap), null, [], null, 0.05, ClinicTargets.Default);
        Assert.True(r.AdditionalSession);
        Assert.Contains(r.Reasons, s => s.Contains("[100,200,80,60]") && s.Contains("20.0 mm²"));
    }

    [Fact]
    public void Fade_is_not_judged_too_soon_after_a_session()
    {
        var change = new DotChangeSummary(50, 30, 20, 0, 0.5);
        var early = SessionRecommender.Recommend(Metrics(0.12, 80), change, [], 5, 0.05, ClinicTargets.Default);
        var late = SessionRecommender.Recommend(Metrics(0.12, 80), change, [], 12, 0.05, ClinicTargets.Default);
        Assert.False(early.AdditionalSession);
        Assert.Contains(early.Reasons, s => s.Contains("5 days"));
        Assert.True(late.AdditionalSession);
        Assert.Contains(late.Reasons, s => s.Contains("50%")); // (30+20)/100
    }

    [Fact]
    public void Persistent_redness_means_wait_not_treat()
    {
        var flag = new HealingFlag(HealingFlagTypes.Redness, 0.93, [10, 20, 30, 40], new Dictionary<string, double> { ["deltaAStar"] = 6.1 });
        var r = SessionRecommender.Recommend(Metrics(0.03, 30), null, [flag], 9, 0.05, ClinicTargets.Default);
        Assert.False(r.AdditionalSession);
        Assert.Equal(SessionRecommender.ActionWait, r.Action);
        var fresh = SessionRecommender.Recommend(Metrics(0.03, 30), null, [flag], 3, 0.05, ClinicTargets.Default);
        Assert.True(fresh.AdditionalSession); // redness 3 days after a session is expected, not persistent
    }
}
