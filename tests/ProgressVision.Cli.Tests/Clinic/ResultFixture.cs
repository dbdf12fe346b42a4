using ProgressVision.Analysis.Compare;

namespace ProgressVision.Cli.Tests.Clinic;

/// <summary>Hand-written CompareResults: a rendering/mapping fixture, not analysis output.</summary>
public static class ResultFixture
{
    public static PhotoMetrics Metrics(double coverage, double density, int dots, double nnCv = 0.3, double r = 1.2) => new()
    {
        Coverage = coverage,
        DensityPerCm2 = density,
        DensityPer1000Px2 = density / 10,
        DotCount = dots,
        Uniformity = new Uniformity(nnCv, r, 0.2, 0.25),
    };

    public static CompareResult Pair(PhotoMetrics before, PhotoMetrics after, bool advise, params string[] flagTypes) => new()
    {
        Version = "test",
        Inputs = new PhotoPair(new PhotoInfo("b.png", new string('0', 64), 64, 48, null, null), new PhotoInfo("a.png", new string('1', 64), 64, 48, null, null)),
        Alignment = new AlignmentReport { Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1], Inliers = 50, ResidualPx = 0.4, Overlap = 1 },
        Before = before,
        After = after,
        Change = new DotChangeSummary(10, 1, 1, 5, 0.83),
        Flags = flagTypes.Select(t => new HealingFlag(t, 0.8, [1, 2, 10, 10], new Dictionary<string, double> { ["a*"] = 3 })).ToList(),
        Recommendation = new Recommendation(advise, 0.7, advise ? ["coverage 50.0% is below the target 70.0%"] : []),
    };
}
