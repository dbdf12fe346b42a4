using ProgressVision.Analysis.Healing;
using System.Security.Cryptography;
using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Reports.History;

namespace ProgressVision.Reports.Tests.Portfolio;

/// <summary>
/// Photos drawn by PIL (make_photos.py) and a client history around them. The CompareResults are
/// hand-written fixtures (rendering input), but their homographies are the true shifts between the
/// drawn photos and their dot lists are the drawn dots.
/// </summary>
public sealed class PortfolioFixture : IDisposable
{
    public const string NastyName = "<script>window.__pwned=1</script> O'Brien & \"Sons\" ../../etc";
    public const string NastyNotes = "<img src=\"https://tracker.example/x.png\"> allergic to <b>latex</b>";

    public PortfolioFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "pv-portfolio-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Folder);
        string script = Path.Combine(AppContext.BaseDirectory, "Portfolio", "make_photos.py");
        string json = Python(script, Folder);
        Photos = JsonSerializer.Deserialize<List<DrawnPhoto>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public string Folder { get; }

    public List<DrawnPhoto> Photos { get; }

    public string PathOf(DrawnPhoto p) => Path.Combine(Folder, p.File);

    public static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public ClientHistory History(IReadOnlyList<string>? consents = null)
    {
        var sessions = Enumerable.Range(1, 3).Select(s => new SessionEntry(s, new DateOnly(2024, s, 15), "Pat <Practitioner>", $"session {s} note <i>internal</i>", "Ink & Co",
            Photos.Where(p => p.Session == s).Select(p => new PhotoEntry(p.View, Sha(PathOf(p)), PathOf(p), null, 320, 240)).ToList())).ToList();
        var pairs = new List<PairEntry>();
        foreach (var view in new[] { "front", "crown" })
        {
            var series = Photos.Where(p => p.View == view).OrderBy(p => p.Session).ToList();
            var coverages = new[] { 0.31, 0.47, 0.66 };
            for (int i = 1; i < 3; i++)
            {
                pairs.Add(Pair(series[i - 1], series[i], coverages[i - 1], coverages[i], i == 2 ? ["redness"] : []));
            }

            pairs.Add(Pair(series[0], series[2], coverages[0], coverages[2], ["redness"]));
        }

        return new ClientHistory
        {
            ClientId = 7,
            ClientName = NastyName,
            ClientNotes = NastyNotes,
            Sessions = sessions,
            Pairs = pairs,
            Consents = consents ?? ["internal", "client-review"],
        };
    }

    private static PairEntry Pair(DrawnPhoto before, DrawnPhoto after, double covBefore, double covAfter, string[] flags)
    {
        // AFTER pixel (x, y) shows the scene point that BEFORE shows at (x + Δdx, y + Δdy).
        double tx = after.Dx - before.Dx, ty = after.Dy - before.Dy;
        PhotoMetrics M(double cov, int dots) => new()
        {
            Coverage = cov, DensityPerCm2 = dots / 10.0, DensityPer1000Px2 = dots / 76.8, DotCount = dots,
            Uniformity = new Uniformity(0.4 - (cov / 4), 1.1 + cov / 2, 0.2, 0.3),
            Gaps = [new Gap([20, 20, 80, 20, 80, 60, 20, 60], 2400, null)],
        };
        var result = new CompareResult
        {
            Version = "fixture",
            Inputs = new PhotoPair(new PhotoInfo(before.File, "", 320, 240, null, null), new PhotoInfo(after.File, "", 320, 240, null, null)),
            Alignment = new AlignmentReport { Homography = [1, 0, tx, 0, 1, ty, 0, 0, 1], Inliers = 80, ResidualPx = 0.3, Overlap = 0.95 },
            Before = M(covBefore, before.Dots.Count),
            After = M(covAfter, after.Dots.Count),
            Change = new DotChangeSummary(before.Dots.Count, 0, 0, after.Dots.Count - before.Dots.Count, 1.0),
            Flags = flags.Select(f => new HealingFlag(f, 0.81, [100, 90, 60, 40], new Dictionary<string, double> { ["deltaA"] = 6.5 })).ToList(),
            // Staff reasons cite each flag with its score and box; the client reasons leave those out.
            Recommendation = new Recommendation(covAfter < 0.6, 0.75,
                [$"coverage {covAfter * 100:0.0}% against the target 60.0% <b>", .. flags.Select(f => $"{f} at [100,90,60,40] (score 0.81)")])
            {
                ClientReasons = [$"coverage {covAfter * 100:0.0}% against the target 60.0% <b>"],
                Targets = ClinicTargets.Default with { TargetDensityPerCm2 = 72, TargetCoverage = 0.6 },
            },
        };
        return new PairEntry(before.View, before.Session, after.Session, result,
            before.Dots.Select(d => new DotCentre(d[0], d[1])).ToList(), after.Dots.Select(d => new DotCentre(d[0], d[1])).ToList());
    }

    public static string Python(params string[] args) =>
        ExternalTool.Run("/usr/bin/python3", "bash .ci/run installs Debian's python3 with PIL and numpy.", args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record DrawnPhoto(string View, int Session, string File, double Dx, double Dy, List<double[]> Dots);
