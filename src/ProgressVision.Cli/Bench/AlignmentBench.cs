using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Analysis;
using ProgressVision.Analysis.Registration;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Cli.Bench;

/// <summary>
/// The alignment sections of <c>progressvision bench</c>: <see cref="ScalpRegistration"/> against
/// OpenCV (Debian's python3-opencv through <c>/usr/bin/python3</c>: ORB 5000 + ratio 0.8 + RANSAC
/// homography + <c>findTransformECC</c> homography refinement) on Synth pairs, both scored against
/// the Synth truth over the treated, visible AFTER scalp that lands inside BEFORE.
/// </summary>
/// <remarks>
/// Times are wall-clock for the alignment alone (photos already decoded on both sides; OpenCV's
/// time excludes Python start-up and image reading). For photos over 2100 px OpenCV's ECC runs at
/// half size, as ours does, since full-size ECC on 12 MP takes many seconds.
/// </remarks>
public sealed class AlignmentBench(string name, SynthPreset preset, ulong seed, int width, int height) : IBenchSection
{
    private const string Python = "/usr/bin/python3";

    /// <summary>The alignment cases (seeds not used for tuning).</summary>
    public static IReadOnlyList<IBenchSection> Sections { get; } =
    [
        new AlignmentBench("align-easy", SynthPreset.Easy, 5001, 1200, 900),
        new AlignmentBench("align-mixed-a", SynthPreset.Mixed, 5101, 1200, 900),
        new AlignmentBench("align-mixed-b", SynthPreset.Mixed, 5102, 1200, 900),
        new AlignmentBench("align-hard", SynthPreset.Hard, 5201, 1200, 900),
        new AlignmentBench("align-curved", SynthPreset.Curved, 5301, 1200, 900),
        new AlignmentBench("align-12mp", SynthPreset.Mixed, 5103, 4032, 3024),
    ];

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inv = CultureInfo.InvariantCulture;
        using var pair = SynthCase.Generate(seed, preset, width, height).Render();
        string caseName = $"{preset.ToString().ToLowerInvariant()}-{seed} {width}x{height}";

        Alignment? ours = null;
        string? oursProblem = null;
        double best = double.MaxValue;
        for (int i = 0; i < Math.Max(1, context.Iterations); i++)
        {
            var sw = Stopwatch.StartNew();
            try
            {
                ours = new ScalpRegistration().Align(pair.Before.Rgb, pair.After.Rgb);
            }
            catch (AlignmentFailedException ex)
            {
                oursProblem = ex.Message;
            }

            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        string oursAcc = ours is null ? $"ours FAILED ({oursProblem})" : Describe("ours", Errors(pair, ours.MapAfterToBefore), inv);
        var (cvH, cvMs, cvProblem) = RunOpenCv(pair, context);
        string cvAcc = cvH is null
            ? $"OpenCV: {cvProblem}"
            : Describe("OpenCV", Errors(pair, (x, y) => Map(cvH, x, y)), inv);
        string note = $"{oursAcc}; {cvAcc}; px over treated overlap, wall ms best of {Math.Max(1, context.Iterations)}";
        return new BenchResult(Name, caseName, best, cvMs is null ? null : "OpenCV ORB+RANSAC+ECC", cvMs, note);
    }

    private static string Describe(string who, (double Median, double P95, int N) e, CultureInfo inv) =>
        string.Create(inv, $"{who} median {e.Median:0.000} p95 {e.P95:0.000}");

    private static (double X, double Y) Map(double[] h, double x, double y)
    {
        double w = (h[6] * x) + (h[7] * y) + h[8];
        return (((h[0] * x) + (h[1] * y) + h[2]) / w, ((h[3] * x) + (h[4] * y) + h[5]) / w);
    }

    // Error over treated, visible AFTER scalp (8 px grid) whose true position lies inside BEFORE.
    private static (double Median, double P95, int N) Errors(SynthPair pair, Func<double, double, (double X, double Y)> map)
    {
        var errs = new List<double>();
        int bw = pair.Before.Rgb.Width, bh = pair.Before.Rgb.Height;
        int step = Math.Max(4, pair.After.Rgb.Width / 250);
        for (int y = 0; y < pair.After.Rgb.Height; y += step)
        {
            for (int x = 0; x < pair.After.Rgb.Width; x += step)
            {
                if (!pair.After.Masks.IsTreatedVisible(x, y))
                {
                    continue;
                }

                var (tx, ty) = pair.MapAfterToBefore(x, y);
                if (tx < 0 || ty < 0 || tx > bw - 1 || ty > bh - 1)
                {
                    continue;
                }

                var (mx, my) = map(x, y);
                double e = Math.Sqrt(((mx - tx) * (mx - tx)) + ((my - ty) * (my - ty)));
                errs.Add(double.IsNaN(e) ? double.MaxValue : e);
            }
        }

        errs.Sort();
        return errs.Count == 0 ? (double.NaN, double.NaN, 0) : (errs[errs.Count / 2], errs[(int)(0.95 * (errs.Count - 1))], errs.Count);
    }

    private static (double[]? H, double? Ms, string? Problem) RunOpenCv(SynthPair pair, BenchContext context)
    {
        if (!File.Exists(Python))
        {
            return (null, null, $"{Python} not found");
        }

        string dir = context.WorkDirectory;
        Directory.CreateDirectory(dir);
        string before = Path.Combine(dir, "align-before.ppm"), after = Path.Combine(dir, "align-after.ppm"), script = Path.Combine(dir, "align_opencv.py");
        WritePpm(before, pair.Before.Rgb);
        WritePpm(after, pair.After.Rgb);
        File.WriteAllText(script, Script);
        var psi = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, before, after, Math.Max(1, context.Iterations).ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {Python}");
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        string stdout = stdoutTask.GetAwaiter().GetResult();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            return (null, null, $"python3-opencv failed: {err.Trim().Split('\n').LastOrDefault()}");
        }

        using var doc = JsonDocument.Parse(stdout);
        double ms = doc.RootElement.GetProperty("ms").GetDouble();
        if (doc.RootElement.GetProperty("h").ValueKind == JsonValueKind.Null)
        {
            return (null, ms, "OpenCV found no homography");
        }

        return ([.. doc.RootElement.GetProperty("h").EnumerateArray().Select(v => v.GetDouble())], ms, null);
    }

    private static void WritePpm(string path, PixelBuffer<byte> rgb)
    {
        using var f = File.Create(path);
        f.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{rgb.Width} {rgb.Height}\n255\n"));
        f.Write(rgb.Span);
    }

    // ORB + Lowe ratio + RANSAC gives the start; ECC (homography motion) refines it. ECC warps map
    // template (AFTER) coordinates to input (BEFORE) coordinates, the same direction as ours.
    private const string Script = """
        import sys, json, time
        import cv2, numpy as np
        before = cv2.imread(sys.argv[1], cv2.IMREAD_GRAYSCALE)
        after = cv2.imread(sys.argv[2], cv2.IMREAD_GRAYSCALE)
        iters = int(sys.argv[3])
        def align():
            orb = cv2.ORB_create(5000)
            kb, db = orb.detectAndCompute(before, None)
            ka, da = orb.detectAndCompute(after, None)
            if db is None or da is None:
                return None
            knn = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(da, db, k=2)
            good = [m[0] for m in knn if len(m) == 2 and m[0].distance < 0.8 * m[1].distance]
            if len(good) < 4:
                return None
            src = np.float32([ka[m.queryIdx].pt for m in good])
            dst = np.float32([kb[m.trainIdx].pt for m in good])
            h, mask = cv2.findHomography(src, dst, cv2.RANSAC, 3.0)
            if h is None:
                return None
            f = 2 if max(before.shape) > 2100 else 1
            s = np.array([[f, 0, (f - 1) / 2], [0, f, (f - 1) / 2], [0, 0, 1]], dtype=np.float64)
            b = cv2.resize(before, None, fx=1 / f, fy=1 / f, interpolation=cv2.INTER_AREA) if f > 1 else before
            a = cv2.resize(after, None, fx=1 / f, fy=1 / f, interpolation=cv2.INTER_AREA) if f > 1 else after
            warp = (np.linalg.inv(s) @ h @ s).astype(np.float32)
            try:
                _, warp = cv2.findTransformECC(a, b, warp, cv2.MOTION_HOMOGRAPHY,
                                               (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 100, 1e-6), None, 5)
            except cv2.error:
                pass
            h = s @ warp.astype(np.float64) @ np.linalg.inv(s)
            return h / h[2, 2]
        best = 1e18
        h = None
        for _ in range(iters):
            t = time.perf_counter()
            h = align()
            best = min(best, (time.perf_counter() - t) * 1000)
        print(json.dumps({"ms": best, "h": None if h is None else [float(v) for v in h.ravel()]}))
        """;
}
