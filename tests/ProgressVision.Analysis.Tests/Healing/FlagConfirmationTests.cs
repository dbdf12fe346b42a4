using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// The measurement's veto over the model's proposals, on hand-made evidence: each case is a situation a
/// practitioner would judge the same way from the numbers alone.
/// </summary>
public sealed class FlagConfirmationTests : IDisposable
{
    private readonly HealingModel _model = HealingModel.Load(HealingModelTests.CommittedModel());

    public void Dispose() => _model.Dispose();

    private static HealingFlag Flag(string type, params (string Key, double Value)[] evidence) =>
        new(type, 0.99, [0, 0, 128, 128], evidence.ToDictionary(e => e.Key, e => e.Value));

    // Veto: P(K ≤ faded | earlier dots, 20%) under 5%. Confirmation: P(K ≥ faded | earlier dots, the share faded
    // elsewhere, at least 1%) under 5% (tails by exact sums in Debian's python3, math.comb).
    [Theory]
    [InlineData(0, 0.0, 0.0, true, false)]     // no earlier dot in the box: nothing there could fade
    [InlineData(4, 0.5, 0.0, true, false)]     // 4 earlier dots: the area had next to no pigment to fade
    [InlineData(35, 0.0, 0.0, true, false)]    // 35 earlier dots, none faded (a photo compared with itself): P = 0.0004
    [InlineData(35, 0.03, 0.0, true, false)]   // 1 of 35 faded is not a patch: P = 0.004
    [InlineData(150, 0.10, 0.0, true, false)]  // 15 of 150: P = 0.0008
    [InlineData(9, 0.0, 0.0, true, false)]     // 0 of 9: not implausible for a 20% fade, but no faded dot at all is no measured fade
    [InlineData(35, 0.30, 0.0, true, true)]    // a third faded against 1% noise: P(≥ 11) = 3e-14, confirmed
    [InlineData(150, 0.20, 0.0, true, true)]   // 30 of 150, exactly the minimal share: not vetoed (P = 0.55), beyond noise
    [InlineData(150, 0.30, 0.20, true, true)]  // 45 of 150 where 20% of the other dots also read faded: P(≥ 45) = 0.002
    [InlineData(150, 0.22, 0.20, true, false)] // 33 of 150 against the same 20%: P(≥ 33) = 0.30, what a noisy pair gives
    [InlineData(0, 0.0, 0.0, false, true)]     // dots not measured at all: a sure model's call stands
    public void PatchyFade(int dotsBefore, double fadedFraction, double fadedElsewhere, bool dotsMeasured, bool confirmed)
    {
        var flag = Flag(HealingFlagTypes.PatchyFade, ("dotsBefore", dotsBefore), ("fadedFraction", fadedFraction), ("meanContrastRatio", 1), ("fadedShareElsewhere", fadedElsewhere));
        Assert.Equal(confirmed, new HealingAnalyzer(_model).Confirms(flag, 100, dotsMeasured));
    }

    // Tail probabilities P(K ≥ grown | matched, max(1%, share grown elsewhere)) by exact binomial sums (Debian's
    // python3, math.comb).
    [Theory]
    [InlineData(30, 0, 0.0, true, false)]    // 30 matched dots, none grown: no spread
    [InlineData(30, 1, 0.0, true, false)]    // one grown dot of 30 is detector noise: P = 0.26
    [InlineData(30, 2, 0.0, true, true)]     // two: P = 0.036, confirmed
    [InlineData(196, 3, 0.0, true, false)]   // 3 of 196: P = 0.31, what noise gives
    [InlineData(196, 5, 0.0, true, true)]    // 5 of 196: P = 0.048, a small patch in a large box
    [InlineData(196, 10, 0.0, true, true)]   // 10 of 196 (a blowout cut by the frame edge): P = 3e-5
    [InlineData(12, 2, 0.0, true, true)]     // 2 of 12: P = 0.006
    [InlineData(30, 2, 0.20, true, false)]   // 2 of 30 where 20% of the other dots measure grown (noisy dark skin): P = 0.99
    [InlineData(30, 12, 0.20, true, true)]   // 12 of 30 against the same 20%: P = 0.009
    [InlineData(3, 0, 0.0, true, true, 8)]   // 3 matched of 8 earlier dots are too few to overrule
    [InlineData(0, 0, 0.0, true, false, 0)]  // no earlier dot in the box: no pigment to spread (bare skin)
    [InlineData(0, 0, 0.0, true, false, 4)]  // 4 earlier dots: next to no pigment there
    [InlineData(30, 0, 0.0, false, true)]    // dots not measured: a sure model stands
    public void Blowout(int matchedDots, int grownDots, double grownElsewhere, bool dotsMeasured, bool confirmed, int dotsBefore = -1)
    {
        var flag = Flag(HealingFlagTypes.Blowout, ("dotsBefore", dotsBefore < 0 ? matchedDots : dotsBefore), ("matchedDots", matchedDots), ("grownDots", grownDots), ("medianRadiusGrowth", 1), ("grownShareElsewhere", grownElsewhere));
        Assert.Equal(confirmed, new HealingAnalyzer(_model).Confirms(flag, 100, dotsMeasured));
    }

    // Where no measurement can check a proposal, its score must reach the class's floor; where the dots can, they decide
    // whatever the score. Floors set here (0.8 fade, 0.75 blowout), not the calibrated defaults.
    [Theory]
    [InlineData(HealingFlagTypes.PatchyFade, 0.79, false, 0, 0, 0, false)] // no dots measured, the model unsure
    [InlineData(HealingFlagTypes.PatchyFade, 0.80, false, 0, 0, 0, true)]  // no dots measured, the model sure
    [InlineData(HealingFlagTypes.Blowout, 0.74, false, 0, 0, 0, false)]
    [InlineData(HealingFlagTypes.Blowout, 0.75, false, 0, 0, 0, true)]
    [InlineData(HealingFlagTypes.Blowout, 0.65, true, 9, 8, 0, false)]     // 8 matched dots: too few to tell, and the model unsure
    [InlineData(HealingFlagTypes.Blowout, 0.95, true, 9, 8, 0, true)]      // the same box, the model sure
    [InlineData(HealingFlagTypes.Blowout, 0.65, true, 30, 30, 2, true)]    // 2 grown of 30 (P = 0.036): the dots confirm an unsure model
    [InlineData(HealingFlagTypes.Blowout, 0.99, true, 30, 30, 0, false)]   // none grown of 30: the dots overrule a sure model
    public void Proposal_without_a_measurement_stands_on_its_score(string type, double score, bool dotsMeasured, int dotsBefore, int matched, int grown, bool confirmed)
    {
        var evidence = new Dictionary<string, double>
        {
            ["dotsBefore"] = dotsBefore, ["matchedDots"] = matched, ["grownDots"] = grown, ["grownShareElsewhere"] = 0,
            ["medianRadiusGrowth"] = 1, ["fadedFraction"] = 0, ["meanContrastRatio"] = 1, ["fadedShareElsewhere"] = 0,
        };
        var analyzer = new HealingAnalyzer(_model)
        {
            MinScoreAlone = new Dictionary<string, double> { [HealingFlagTypes.PatchyFade] = 0.8, [HealingFlagTypes.Blowout] = 0.75 },
        };
        Assert.Equal(confirmed, analyzer.Confirms(new HealingFlag(type, score, [0, 0, 128, 128], evidence), 100, dotsMeasured));
    }

    [Theory]
    [InlineData(5.0, 10, true)]             // a clear a* rise over a small part of the scalp
    [InlineData(2.4, 10, false)]            // below the visibility floor of 2.5 a* units (the reddest window)
    [InlineData(5.0, 60, false)]            // over 60 of 100 tiles: no unaffected skin left to compare with
    [InlineData(18.47, 60, true, 7.98, 2.71)] // over most of the scalp, but clear and standing out (real red_30-Front)
    [InlineData(18.47, 60, false, 1.5, 2.71)] // as clear over most of the scalp, but no calmer skin to stand out from
    [InlineData(4.0, 60, false, 8.0, 2.33)]   // standing out over most of the scalp, but under twice the floor
    [InlineData(2.5, 5, false, 1.41, 2.33)] // +2.5 where this photo's ordinary windows vary by 1.24 (z 1.41 under the limit for 5 windows)
    [InlineData(2.5, 5, true, 8.6, 2.33)]   // the same rise on evenly coloured skin
    [InlineData(19.9, 5, true, 1.73, 2.33)] // a real red scalp: +19.9 where the other windows vary by 11.5 stands on its own
    public void Redness(double peakDeltaA, int tiles, bool confirmed, double z = double.NaN, double zLimit = double.NaN)
    {
        var evidence = new List<(string, double)> { ("deltaAStar", peakDeltaA / 2), ("peakWindowDeltaAStar", peakDeltaA), ("tiles", tiles) };
        if (!double.IsNaN(z))
        {
            evidence.Add(("peakWindowZ", z));
            evidence.Add(("peakWindowZLimit", zLimit));
        }

        var flag = Flag(HealingFlagTypes.Redness, [.. evidence]);
        Assert.Equal(confirmed, new HealingAnalyzer(_model).Confirms(flag, 100, dotsMeasured: true));
    }
}
