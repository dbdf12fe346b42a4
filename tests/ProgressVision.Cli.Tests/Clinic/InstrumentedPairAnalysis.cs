using System.Security.Cryptography;
using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging;

namespace ProgressVision.Cli.Tests.Clinic;

/// <summary>
/// A test double for the pair analysis: its "result" is derived from the two files (so every pair
/// gets a distinct, checkable record), it can be slowed down (PV_TEST_ANALYSIS_DELAY_MS) so a test
/// can kill the process mid-run, and it counts its calls in a file (PV_TEST_ANALYSIS_LOG). It tests
/// the orchestration (what is stored, skipped, resumed); it is not, and never poses as, analysis.
/// </summary>
public sealed class InstrumentedPairAnalysis : IPairAnalysis
{
    public string? ModelSha256 => null;

    public PairAnalysisOutput Analyze(string beforePath, string afterPath, CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable("PV_TEST_ANALYSIS_LOG") is { Length: > 0 } log)
        {
            File.AppendAllText(log, $"{Path.GetFileName(beforePath)} {Path.GetFileName(afterPath)}\n");
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("PV_TEST_ANALYSIS_DELAY_MS"), out int delay) && delay > 0)
        {
            Thread.Sleep(delay);
        }

        byte[] a = File.ReadAllBytes(beforePath), b = File.ReadAllBytes(afterPath);
        if (b.Length > 8 && b[^1] == 0x42 && b[^2] == 0x42)
        {
            throw new InvalidImageException(afterPath, "marked undecodable by the test");
        }

        string ha = Convert.ToHexStringLower(SHA256.HashData(a)), hb = Convert.ToHexStringLower(SHA256.HashData(b));
        PhotoMetrics M(int n) => new() { Coverage = n / 1e6, DensityPer1000Px2 = 1, DotCount = n, Uniformity = new Uniformity(0, 1, 0, 0) };
        var result = new CompareResult
        {
            Version = "instrumented",
            Inputs = new PhotoPair(new PhotoInfo(beforePath, ha, 0, 0, null, null), new PhotoInfo(afterPath, hb, 0, 0, null, null)),
            Alignment = new AlignmentReport { Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1], Inliers = 0, ResidualPx = 0 },
            Before = M(a.Length),
            After = M(b.Length),
            Change = new DotChangeSummary(0, 0, 0, 0, 1),
            Recommendation = new Recommendation(false, 0, []),
        };
        return new PairAnalysisOutput(result, [new DotCentre(1, 2)], [new DotCentre(3, 4)]);
    }
}
