using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Color;
using ProgressVision.Imaging.Filters;

namespace ProgressVision.Cli.Bench;

/// <summary>
/// The filter section of <c>progressvision bench</c>: our Gaussian blur (σ = 2) on a 12 MP float plane and
/// on 12 MP RGB bytes, and sRGB → CIELAB on 12 MP float RGB, beside OpenCV doing the same in one
/// <c>/usr/bin/python3</c> process (Debian's python3-opencv).
/// </summary>
/// <remarks>
/// Both sides report the best of N runs after a warm-up, single-threaded (<c>cv2.setNumThreads(1)</c>; ours
/// on the calling thread). Wall time (Stopwatch / <c>time.perf_counter</c>) is the headline; CPU time of the
/// process (<c>getrusage</c> via <see cref="Process.TotalProcessorTime"/> / <c>time.process_time</c>) is
/// reported as well because it is far less disturbed by other load on a shared machine. Multi-threaded
/// rows compare our row-band <c>Parallel.For</c> with OpenCV at its default thread count.
/// </remarks>
public static class FilterBench
{
    /// <summary>Width of the benchmark image (a 12 MP phone photo).</summary>
    public const int Width = 4032;

    /// <summary>Height of the benchmark image.</summary>
    public const int Height = 3024;

    /// <summary>Gaussian σ used throughout.</summary>
    public const float Sigma = 2f;

    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// Runs every case and returns one line per case. OpenCV numbers are null (with a reason in
    /// <see cref="FilterBenchReport.AnchorProblem"/>) when Debian's python3-opencv is not installed.
    /// </summary>
    public static FilterBenchReport Run(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var (anchor, problem) = RunOpenCv(iterations);
        var lines = new List<FilterBenchLine>();

        var rng = new Random(20261121);
        using var plane = new PixelBuffer<float>(Width, Height, 1, clear: false);
        using var planeOut = new PixelBuffer<float>(Width, Height, 1, clear: false);
        using var rgb8 = new PixelBuffer<byte>(Width, Height, 3, clear: false);
        var rgb8Out = new byte[Width * Height * 3];
        using var rgbF = new PixelBuffer<float>(Width, Height, 3, clear: false);
        var lab = new float[Width * Height * 3];
        Fill(plane.Span, rng);
        rng.NextBytes(rgb8.Span);
        Fill(rgbF.Span, rng);

        var t = Time(iterations, () => GaussianBlur.Blur(plane.Span, Width, Height, 1, planeOut.Span, Sigma));
        lines.Add(Line("gaussian σ=2 float32 12 MP", "1 thread", t, anchor, "blur_f32"));
        t = Time(iterations, () => GaussianBlur.Blur(rgb8.Span, Width, Height, 3, rgb8Out, Sigma));
        lines.Add(Line("gaussian σ=2 RGB8 12 MP", "1 thread", t, anchor, "blur_rgb8"));
        t = Time(iterations, () => ColorConversion.RgbToLab(rgbF.Span, lab));
        lines.Add(Line("sRGB→Lab float32 12 MP", "1 thread", t, anchor, "lab_f32"));

        int cores = Environment.ProcessorCount;
        t = Time(iterations, () => GaussianBlur.Blur(plane, planeOut, Sigma, -1));
        lines.Add(Line("gaussian σ=2 float32 12 MP", $"{cores} threads", t, anchor, "blur_f32_mt"));
        t = Time(iterations, () => ColorConversion.RgbToLab(rgbF, -1).Dispose());
        lines.Add(Line("sRGB→Lab float32 12 MP", $"{cores} threads", t, anchor, "lab_f32_mt"));
        return new FilterBenchReport(lines, anchor?.Version, problem);
    }

    private static FilterBenchLine Line(string name, string threads, (double Wall, double Cpu) ours, OpenCvTimes? anchor, string key)
    {
        (double Wall, double Cpu)? cv = anchor is not null && anchor.Times.TryGetValue(key, out var c) ? (c[0], c[1]) : null;
        return new FilterBenchLine(name, threads, ours.Wall, ours.Cpu, cv?.Wall, cv?.Cpu);
    }

    private static void Fill(Span<float> s, Random rng)
    {
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = rng.NextSingle();
        }
    }

    // Best-of-N wall and CPU milliseconds after one untimed warm-up run (JIT tiering, page faults).
    private static (double Wall, double Cpu) Time(int iterations, Action action)
    {
        action();
        double wall = double.MaxValue, cpu = double.MaxValue;
        using var self = Process.GetCurrentProcess();
        for (int i = 0; i < iterations; i++)
        {
            self.Refresh();
            var c0 = self.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            action();
            wall = Math.Min(wall, sw.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu = Math.Min(cpu, (self.TotalProcessorTime - c0).TotalMilliseconds);
        }

        return (wall, cpu);
    }

    private const string Script = """
        import json, sys, time
        import numpy as np
        import cv2
        n = int(sys.argv[1]); W, H = 4032, 3024
        rng = np.random.default_rng(20261121)
        plane = rng.random((H, W), dtype=np.float32)
        rgb8 = rng.integers(0, 256, (H, W, 3), dtype=np.uint8)
        rgbf = rng.random((H, W, 3), dtype=np.float32)
        R101 = cv2.BORDER_REFLECT_101
        def best(fn):
            fn()
            wall = cpu = 1e9
            for _ in range(n):
                t0 = time.perf_counter(); c0 = time.process_time()
                fn()
                wall = min(wall, time.perf_counter() - t0); cpu = min(cpu, time.process_time() - c0)
            return [wall * 1000, cpu * 1000]
        out = {}
        threads = cv2.getNumThreads()
        cv2.setNumThreads(1)
        out['blur_f32'] = best(lambda: cv2.GaussianBlur(plane, (0, 0), 2.0, sigmaY=2.0, borderType=R101))
        out['blur_rgb8'] = best(lambda: cv2.GaussianBlur(rgb8, (0, 0), 2.0, sigmaY=2.0, borderType=R101))
        out['lab_f32'] = best(lambda: cv2.cvtColor(rgbf, cv2.COLOR_RGB2Lab))
        cv2.setNumThreads(threads)
        out['blur_f32_mt'] = best(lambda: cv2.GaussianBlur(plane, (0, 0), 2.0, sigmaY=2.0, borderType=R101))
        out['lab_f32_mt'] = best(lambda: cv2.cvtColor(rgbf, cv2.COLOR_RGB2Lab))
        print(json.dumps({'version': cv2.__version__, 'threads': threads, 'times': out}))
        """;

    private static (OpenCvTimes? Times, string? Problem) RunOpenCv(int iterations)
    {
        if (!File.Exists(Python))
        {
            return (null, $"{Python} not found (install Debian's python3-opencv)");
        }

        string script = Path.Combine(Path.GetTempPath(), $"pv-filterbench-{Environment.ProcessId}.py");
        File.WriteAllText(script, Script);
        try
        {
            var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(iterations.ToString(CultureInfo.InvariantCulture));
            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {Python}");
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                string err = stderr.Result;
                return (null, err.Contains("No module named", StringComparison.Ordinal)
                    ? $"{Python} cannot import cv2/numpy (apt-get install python3-opencv)"
                    : $"OpenCV timing script failed ({p.ExitCode}): {err.Trim()}");
            }

            using var doc = JsonDocument.Parse(stdout);
            var root = doc.RootElement;
            var times = new Dictionary<string, double[]>();
            foreach (var prop in root.GetProperty("times").EnumerateObject())
            {
                times[prop.Name] = [prop.Value[0].GetDouble(), prop.Value[1].GetDouble()];
            }

            return (new OpenCvTimes($"OpenCV {root.GetProperty("version").GetString()} ({root.GetProperty("threads").GetInt32()} threads max)", times), null);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private sealed record OpenCvTimes(string Version, Dictionary<string, double[]> Times);
}

/// <summary>All filter bench lines plus which OpenCV was the anchor (or why there was none).</summary>
/// <param name="Lines">One line per case.</param>
/// <param name="Anchor">"OpenCV x.y.z (...)", or null.</param>
/// <param name="AnchorProblem">Why OpenCV could not be timed, or null.</param>
public sealed record FilterBenchReport(IReadOnlyList<FilterBenchLine> Lines, string? Anchor, string? AnchorProblem);

/// <summary>One filter bench case: our best wall/CPU ms and OpenCV's (null when unavailable).</summary>
/// <param name="Case">What was measured.</param>
/// <param name="Threads">Threads used by both sides.</param>
/// <param name="OursMs">Our best wall time.</param>
/// <param name="OursCpuMs">Our best process CPU time.</param>
/// <param name="OpenCvMs">OpenCV's best wall time.</param>
/// <param name="OpenCvCpuMs">OpenCV's best process CPU time.</param>
public sealed record FilterBenchLine(string Case, string Threads, double OursMs, double OursCpuMs, double? OpenCvMs, double? OpenCvCpuMs)
{
    /// <summary>ours / OpenCV by wall time (below 1 = we are faster).</summary>
    public double? Ratio => OpenCvMs is > 0 ? OursMs / OpenCvMs : null;

    /// <summary>ours / OpenCV by CPU time.</summary>
    public double? CpuRatio => OpenCvCpuMs is > 0 ? OursCpuMs / OpenCvCpuMs : null;
}
