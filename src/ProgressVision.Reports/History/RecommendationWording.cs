using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;

namespace ProgressVision.Reports.History;

/// <summary>
/// One sentence per recommended action, shared by the terminal, HTML and PDF so that a practitioner
/// reads the same call everywhere. The action, not the yes/no flag, decides the wording: "wait and
/// re-check" (persistent redness) and "assess correction" (blowout) both have
/// <see cref="Recommendation.AdditionalSession"/> false, yet neither means the work is finished.
/// </summary>
public static class RecommendationWording
{
    /// <summary>The headline for <paramref name="recommendation"/>, capitalised as a sentence start.</summary>
    public static string Headline(Recommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        // AdditionalSession is the yes/no call itself; it wins over an action that disagrees with it.
        if (recommendation.AdditionalSession)
        {
            return "Another session is advised";
        }

        return recommendation.Action switch
        {
            SessionRecommender.ActionWait => "Wait and re-check before deciding on another session",
            SessionRecommender.ActionCorrect => "Assess correction before adding pigment",
            _ => "No further session needed",
        };
    }

    /// <summary>
    /// The targets a recommendation was judged against, as one sentence (so a reader can check the call
    /// against the clinic's own standard); null for results that did not record them.
    /// </summary>
    public static string? TargetsLine(Recommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        if (recommendation.Targets is not { } t)
        {
            return null;
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return string.Create(inv,
            $"Judged against: density ≥ {t.TargetDensityPerCm2:0.#} dots/cm² (when the scale is known), coverage ≥ {t.TargetCoverage * 100:0.#}%, empty patches ≤ {t.MaxGapAreaMm2:0.#} mm², local density CV ≤ {t.MaxLocalDensityCv:0.##}, faded or lost dots ≤ {t.MaxFadedFraction * 100:0.#}%.");
    }

    /// <summary>Whether the headline asks the practitioner to act (treat, wait or assess), for emphasis.</summary>
    public static bool NeedsAttention(Recommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        return recommendation.AdditionalSession || recommendation.Action is SessionRecommender.ActionWait or SessionRecommender.ActionCorrect;
    }
}
