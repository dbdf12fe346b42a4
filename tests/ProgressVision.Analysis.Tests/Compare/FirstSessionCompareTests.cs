using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using ProgressVision.Analysis.Tests.Healing;

namespace ProgressVision.Analysis.Tests.Compare;

/// <summary>
/// A real first-session pair (afonso_scar: BEFORE scarred with stubble and no pigment, AFTER covered in new dots) is
/// aligned on structure, so its dots do not correspond: the "dots" BEFORE shows are stubble and follicles, and
/// matched against the new work most read lost (2411 of 2707) while the model proposes blowout over new dots. None of
/// that may reach the practitioner as a finding: no fade or blowout flag, no faded-fraction reason, the same
/// recommendation when recomputed from the stored result. The photos are read from ../shared/real-samples (medical
/// photos: never copied into the repository).
/// </summary>
public class FirstSessionCompareTests
{
    [Fact]
    public void A_pair_aligned_on_structure_gets_no_dot_to_dot_judgement()
    {
        string root = SharedMaterial.RealSamples("1-smp-before-after");
        string before = Path.Combine(root, "afonso_scar_BEFORE_A360CB93.jpeg"), after = Path.Combine(root, "afonso_scar_AFTER_4EB8715C.jpeg");
        foreach (var p in new[] { before, after })
        {
            Assert.True(File.Exists(p), $"real sample {p} is missing");
        }

        using var model = HealingModel.Load(HealingModelTests.CommittedModel());
        using var analysis = new PairAnalyzer(new PairAnalysisOptions(), model).AnalyzeDetailed(before, after);
        var r = analysis.Result;
        Assert.NotNull(r.Alignment.StructuralCorrelation);
        Assert.DoesNotContain(r.Flags, f => f.Type is HealingFlagTypes.PatchyFade or HealingFlagTypes.Blowout);
        Assert.Contains(r.Warnings, w => w.Contains("not judged: the photos were aligned on structure", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Recommendation.Reasons, reason => reason.Contains("earlier dots faded", StringComparison.Ordinal));
        Assert.Equal(r.Recommendation.Reasons, SessionRecommender.Recommend(r, ClinicTargets.Default).Reasons);
    }
}
