using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProgressVision.Analysis.Dots;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Cli.Bench;

/// <summary>
/// Pigment-dot detection on a 12 MP (4000×3000) photo of drawn dots with known centres: ours
/// (<see cref="DotDetector"/> with the options for 0.015 mm/px) versus OpenCV's SimpleBlobDetector
/// (Debian python3-opencv through /usr/bin/python3, timed inside Python around detect() only).
/// Both detectors' F1 against the drawn centres goes in the note.
/// </summary>
public sealed class DotBench : IBenchSection
{
    private const int Width = 4000, Height = 3000;
    private const double MmPerPx = 0.015;
    private const string Python = "/usr/bin/python3";

    /// <inheritdoc />
    public string Name => "dots";

    /// <inheritdoc />
    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (image, truth) = Draw(seed: 5);
        using (image)
        {
            var detector = new DotDetector(DotDetectionOptions.ForMmPerPx(MmPerPx));
            IReadOnlyList<PigmentDot> ours = [];
            double ms = BenchTiming.BestOf(context.Iterations, 1, () => ours = detector.Detect(image));
            double f1 = F1(truth, ours.Select(d => (d.X, d.Y)).ToList());
            string note = $"{truth.Count} drawn dots r 7–18 px on textured skin; ours F1 {f1:F3} ({ours.Count} found), best of {context.Iterations} after warm-up";
            if (!File.Exists(Python))
            {
                return new BenchResult(Name, $"{Width}x{Height} drawn dots", ms, null, null, note + $"; {Python} not found, no anchor");
            }

            var (cvMs, cvDots) = RunOpenCv(context.WorkDirectory, image);
            double cvF1 = F1(truth, cvDots);
            note += $"; OpenCV F1 {cvF1:F3} ({cvDots.Count} found)";
            return new BenchResult(Name, $"{Width}x{Height} drawn dots", ms, "OpenCV SimpleBlobDetector (python3-opencv)", cvMs, note);
        }
    }

    // Textured skin (multiplicative noise), anti-aliased dark discs on a jittered grid.
    private static (PixelBuffer<byte> Image, List<(double X, double Y, double R)> Truth) Draw(int seed)
    {
        var rng = new Random(seed);
        var img = new PixelBuffer<byte>(Width, Height, 3, clear: false);
        var factor = new float[Width * Height];
        for (int i = 0; i < factor.Length; i++)
        {
            factor[i] = 1f + (0.03f * (float)(rng.NextDouble() - 0.5));
        }

        var truth = new List<(double, double, double)>();
        const int Step = 48;
        for (int gy = Step; gy < Height - Step; gy += Step)
        {
            for (int gx = Step; gx < Width - Step; gx += Step)
            {
                double cx = gx + ((rng.NextDouble() - 0.5) * 14), cy = gy + ((rng.NextDouble() - 0.5) * 14);
                double r = 7 + (rng.NextDouble() * 11), c = 0.4 + (0.4 * rng.NextDouble());
                r = Math.Min(r, 18);
                truth.Add((cx, cy, r));
                for (int y = (int)(cy - r - 1); y <= (int)(cy + r + 1); y++)
                {
                    for (int x = (int)(cx - r - 1); x <= (int)(cx + r + 1); x++)
                    {
                        int inside = 0;
                        for (int s = 0; s < 16; s++)
                        {
                            double px = x - 0.375 + (0.25 * (s & 3)) - cx, py = y - 0.375 + (0.25 * (s >> 2)) - cy;
                            inside += (px * px) + (py * py) <= r * r ? 1 : 0;
                        }

                        factor[(y * Width) + x] *= (float)(1 - (c * inside / 16.0));
                    }
                }
            }
        }

        for (int y = 0; y < Height; y++)
        {
            var row = img.Row(y);
            for (int x = 0; x < Width; x++)
            {
                float f = factor[(y * Width) + x];
                row[3 * x] = (byte)Math.Clamp(205 * f, 0, 255);
                row[(3 * x) + 1] = (byte)Math.Clamp(160 * f, 0, 255);
                row[(3 * x) + 2] = (byte)Math.Clamp(140 * f, 0, 255);
            }
        }

        return (img, truth);
    }

    private static (double Ms, List<(double X, double Y)> Dots) RunOpenCv(string dir, PixelBuffer<byte> image)
    {
        string ppm = Path.Combine(dir, "dots-12mp.ppm"), py = Path.Combine(dir, "dots-blobs.py");
        using (var f = File.Create(ppm))
        {
            f.Write(Encoding.ASCII.GetBytes($"P6\n{image.Width} {image.Height}\n255\n"));
            f.Write(image.Span);
        }

        File.WriteAllText(py, """
            import sys, math, time, cv2
            gray = cv2.cvtColor(cv2.imread(sys.argv[1], cv2.IMREAD_COLOR), cv2.COLOR_BGR2GRAY)
            p = cv2.SimpleBlobDetector_Params()
            p.filterByColor = True; p.blobColor = 0
            p.minThreshold = 10; p.maxThreshold = 240; p.thresholdStep = 8; p.minRepeatability = 2
            p.filterByArea = True; p.minArea = math.pi * 5 ** 2; p.maxArea = math.pi * 40 ** 2
            p.filterByCircularity = True; p.minCircularity = 0.6
            p.filterByInertia = True; p.minInertiaRatio = 0.3
            p.filterByConvexity = True; p.minConvexity = 0.8
            det = cv2.SimpleBlobDetector_create(p)
            det.detect(gray)
            best = 1e9
            for _ in range(3):
                t = time.perf_counter(); kps = det.detect(gray); best = min(best, time.perf_counter() - t)
            print("%.3f" % (best * 1000))
            for k in kps:
                print("%.3f %.3f" % (k.pt[0], k.pt[1]))
            """);
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(py);
        psi.ArgumentList.Add(ppm);
        using var proc = Process.Start(psi) ?? throw new CliException(ExitCodes.Failure, $"dots bench: cannot start {Python}");
        string stdout = proc.StandardOutput.ReadToEnd(), stderr = proc.StandardError.ReadToEnd();
        proc.WaitForExit();
        if (proc.ExitCode != 0)
        {
            throw new CliException(ExitCodes.Failure, $"dots bench: {Python} with cv2 failed: {stderr.Trim()} (install python3-opencv)");
        }

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var dots = lines.Skip(1).Select(l => l.Split(' ')).Select(v => (double.Parse(v[0], CultureInfo.InvariantCulture), double.Parse(v[1], CultureInfo.InvariantCulture))).ToList();
        return (double.Parse(lines[0], CultureInfo.InvariantCulture), dots);
    }

    // Greedy one-to-one matching within half the drawn radius.
    private static double F1(List<(double X, double Y, double R)> truth, List<(double X, double Y)> found)
    {
        var pairs = new List<(double D, int T, int F)>();
        var byCell = found.Select((p, i) => (p, i)).ToLookup(q => ((int)(q.p.X / 64), (int)(q.p.Y / 64)));
        for (int t = 0; t < truth.Count; t++)
        {
            int cx = (int)(truth[t].X / 64), cy = (int)(truth[t].Y / 64);
            for (int dy = -1; dy <= 1; dy++)
            {
                for (int dx = -1; dx <= 1; dx++)
                {
                    foreach (var (p, i) in byCell[(cx + dx, cy + dy)])
                    {
                        double d = Math.Sqrt(Math.Pow(p.X - truth[t].X, 2) + Math.Pow(p.Y - truth[t].Y, 2));
                        if (d <= 0.5 * truth[t].R)
                        {
                            pairs.Add((d, t, i));
                        }
                    }
                }
            }
        }

        pairs.Sort((a, b) => a.D.CompareTo(b.D));
        var ut = new bool[truth.Count];
        var uf = new bool[found.Count];
        int m = 0;
        foreach (var (_, t, f) in pairs)
        {
            if (!ut[t] && !uf[f])
            {
                ut[t] = uf[f] = true;
                m++;
            }
        }

        return found.Count + truth.Count == 0 ? 0 : 2.0 * m / (found.Count + truth.Count);
    }
}
