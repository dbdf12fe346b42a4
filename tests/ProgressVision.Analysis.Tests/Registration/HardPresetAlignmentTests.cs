using System.Globalization;
using ProgressVision.Analysis.Registration;
using ProgressVision.Synth.Cases;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Registration;

/// <summary>
/// Regression for issue 4 ("no failed case"): every pair of a block of Synth hard-preset seeds
/// (dark and very dark skin, exposure ±1 EV, white balance, light gradient, highlight, defocus,
/// noise, JPEG 70–85, long hair, new dots, roll up to ±60° between sessions, scale 0.5–2, tilt)
/// aligns within the targets against the renderer's exact mapping. Before the fix, 3 of the 10
/// held-out hard seeds 502000–502009 failed (refused, or a wrong homography), as did 3 of 16
/// tuning seeds. These seeds (9210–9217) were not looked at while tuning (tuning: 7000–7015).
/// </summary>
public sealed class HardPresetAlignmentTests(ITestOutputHelper output)
{
    private const double MedianLimitPx = 0.5;
    private const double P95LimitPx = 1.5;
    private const ulong FirstSeed = 9210;
    private const int Cases = 8;

    [Fact]
    public void EveryHardPairAlignsWithinTargets()
    {
        var problems = new List<string>();
        for (ulong seed = FirstSeed; seed < FirstSeed + Cases; seed++)
        {
            using var pair = SynthCase.Generate(seed, SynthPreset.Hard, 1000, 750).Render();
            string line;
            try
            {
                var alignment = new ScalpRegistration().Align(pair.Before.Rgb, pair.After.Rgb);
                var (median, p95, n) = SynthAlignmentTests.Errors(pair, alignment.MapAfterToBefore);
                line = string.Create(CultureInfo.InvariantCulture, $"hard-{seed}: median {median:0.000} p95 {p95:0.000} px over {n} points, quality {alignment.Quality:0.00}, inliers {alignment.Inliers}/{alignment.Matches}");
                if (n < 500 || median > MedianLimitPx || p95 > P95LimitPx)
                {
                    problems.Add(line);
                }
            }
            catch (AlignmentFailedException ex)
            {
                line = $"hard-{seed}: FAILED {ex.Message}";
                problems.Add(line);
            }

            output.WriteLine(line);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {Cases} hard pairs miss the targets (median ≤ {MedianLimitPx}, p95 ≤ {P95LimitPx} px, no failure):\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void DifferentScalpsWithTheSameLookAreRefused()
    {
        // BEFORE of one hard case, AFTER of another: same skin tones, dots, hair and light, different places.
        using var first = SynthCase.Generate(9230, SynthPreset.Hard, 1000, 750).Render();
        using var second = SynthCase.Generate(9231, SynthPreset.Hard, 1000, 750).Render();
        var ex = Assert.Throws<AlignmentFailedException>(() => new ScalpRegistration().Align(first.Before.Rgb, second.After.Rgb));
        output.WriteLine(ex.Message);
        Assert.StartsWith("photos do not show the same area", ex.Message);
    }
}
