using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using ProgressVision.Reports.History;

namespace ProgressVision.Reports.Tests.History;

public class RecommendationWordingTests
{
    // Metrics that meet every default clinic target (coverage 6%, 60 dots/cm², local CV 0.45), so the
    // flag alone decides the action.
    private static readonly PhotoMetrics Done = new()
    {
        Coverage = 0.2,
        DensityPerCm2 = 90,
        DensityPer1000Px2 = 9,
        DotCount = 500,
        Uniformity = new Uniformity(0.2, 1.4, 0.2, 0.2),
    };

    [Theory]
    [InlineData(null, "No further session needed", false)]
    [InlineData(HealingFlagTypes.Redness, "Wait and re-check before deciding on another session", true)]
    [InlineData(HealingFlagTypes.Blowout, "Assess correction before adding pigment", true)]
    [InlineData(HealingFlagTypes.PatchyFade, "Another session is advised", true)]
    public void Headline_FollowsTheRecommendersAction(string? flag, string headline, bool attention)
    {
        var flags = flag is null ? [] : new[] { new HealingFlag(flag, 0.9, [0, 0, 10, 10], new Dictionary<string, double>()) };
        var rec = SessionRecommender.Recommend(Done, null, flags, 21, null, ClinicTargets.Default);
        Assert.Equal(headline, RecommendationWording.Headline(rec));
        Assert.Equal(attention, RecommendationWording.NeedsAttention(rec));

        // The client's reasons: no model score or pixel box, but one plain sentence per flagged issue.
        var client = Assert.IsAssignableFrom<IReadOnlyList<string>>(rec.ClientReasons);
        Assert.DoesNotContain(client, r => r.Contains("score", StringComparison.Ordinal) || r.Contains("[0,0,10,10]", StringComparison.Ordinal));
        Assert.Equal(rec.Reasons.Count, client.Count);
        Assert.Equal(flag is null ? 0 : 1, rec.Reasons.Count(r => r.Contains("[0,0,10,10]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Headline_OfAResultStoredBeforeActions_FollowsAdditionalSession()
    {
        // A result stored before actions existed: additionalSession true, no action; it reads as "treat".
        var old = new Recommendation(true, 0.7, []);
        Assert.Equal(SessionRecommender.ActionTreat, old.Action);
        Assert.Equal("Another session is advised", RecommendationWording.Headline(old));
        Assert.Equal("No further session needed", RecommendationWording.Headline(new Recommendation(false, 0.7, [])));
    }

    [Fact]
    public void TargetsLine_StatesTheTargetsTheCallWasJudgedAgainst()
    {
        var rec = SessionRecommender.Recommend(Done, null, [], 21, null, ClinicTargets.Default with { TargetDensityPerCm2 = 72.5, TargetCoverage = 0.08 });
        Assert.Equal(
            "Judged against: density ≥ 72.5 dots/cm² (when the scale is known), coverage ≥ 8%, empty patches ≤ 16 mm², local density CV ≤ 0.45, faded or lost dots ≤ 15%.",
            RecommendationWording.TargetsLine(rec));
        Assert.Null(RecommendationWording.TargetsLine(new Recommendation(false, 0.5, [])));
    }
}
