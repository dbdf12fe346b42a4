using System.Diagnostics;
using ProgressVision.Analysis.Registration;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Registration;

/// <summary>
/// Full alignment against synthetic ground truth. Tuning used seeds 101–112 (set
/// PV_REGISTRATION_SEED_BASE=100 to reproduce); these tests run on seeds 7001+, never used in tuning.
/// </summary>
public sealed class AlignmentAccuracyTests(ITestOutputHelper output)
{
    // Issue 4 targets over the treated area (px): median ≤ 0.5, 95th percentile ≤ 1.5.
    private const double MedianLimitPx = 0.5;
    private const double P95LimitPx = 1.5;

    public static TheoryData<string> Cases => [.. CaseSpecs.Keys];

    private static readonly Dictionary<string, (PairSpec Spec, int Offset)> CaseSpecs = new()
    {
        ["rotate-30 scale1.2"] = (new PairSpec { RotationDeg = -30, Scale = 1.2, ShiftX = -20 }, 2),
        ["scale0.7"] = (new PairSpec { Scale = 0.7, RotationDeg = 8, ShiftY = 20 }, 3),
        ["scale1.4"] = (new PairSpec { Scale = 1.4, RotationDeg = -5 }, 4),
        ["tilt"] = (new PairSpec { TiltX = 2.5e-4, TiltY = -1.5e-4, RotationDeg = 10, Scale = 1.1 }, 5),
        ["exposure+1EV wb"] = (new PairSpec { ExposureEv = 1, WbRed = 1.25, WbBlue = 0.8, RotationDeg = 12 }, 6),
        ["exposure-1EV hard light"] = (new PairSpec { ExposureEv = -1, HardLight = 0.45, RotationDeg = -15, Scale = 0.9 }, 7),
        ["dots added"] = (new PairSpec { AddedDotsPer1000Px2 = 3, RotationDeg = 20, Scale = 1.15 }, 8),
        ["hair growth"] = (new PairSpec { HairGrowth = 6000, RotationDeg = -8, ShiftX = 30 }, 9),
        ["curvature"] = (new PairSpec { Curvature = 4e-8, RotationDeg = 6, Scale = 1.05 }, 10),
        ["curvature tilt dots"] = (new PairSpec { Curvature = -4e-8, TiltX = 1.5e-4, AddedDotsPer1000Px2 = 2, RotationDeg = -25 }, 11),
        ["all at once"] = (new PairSpec { RotationDeg = 28, Scale = 0.75, ExposureEv = -0.8, WbBlue = 1.3, HairGrowth = 4000, AddedDotsPer1000Px2 = 1.5 }, 12),
    };

    private static int SeedBase =>
        int.TryParse(Environment.GetEnvironmentVariable("PV_REGISTRATION_SEED_BASE"), out int b) ? b : 7000;

    [Theory]
    [MemberData(nameof(Cases))]
    public void AlignsWithinTargets(string name)
    {
        var (spec, offset) = CaseSpecs[name];
        using var pair = SyntheticScalpPair.Create(spec, SeedBase + offset);
        var sw = Stopwatch.StartNew();
        var alignment = new ScalpRegistration().Align(pair.Before, pair.After);
        sw.Stop();
        var (median, p95, max) = pair.Errors(alignment.MapAfterToBefore);
        var (hm, hp, _) = pair.Errors((x, y) => alignment.AfterToBefore.Map(x, y));
        output.WriteLine(
            $"{name}: median {median:0.000} p95 {p95:0.000} max {max:0.000} px (homography only {hm:0.000}/{hp:0.000}); " +
            $"inliers {alignment.Inliers}/{alignment.Matches} residual {alignment.ResidualPx:0.00} quality {alignment.Quality:0.00} " +
            $"overlap {alignment.Overlap:0.00} grid {(alignment.Field is null ? "no" : "yes")} {sw.ElapsedMilliseconds} ms");
        Assert.True(median <= MedianLimitPx, $"{name}: median error {median:0.000} px > {MedianLimitPx}");
        Assert.True(p95 <= P95LimitPx, $"{name}: p95 error {p95:0.000} px > {P95LimitPx}");
    }
}
