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

    /// <summary>The bench sections, one per case, in report order (they share one OpenCV run).</summary>
    public static IReadOnlyList<IBenchSection> Sections { get; } =
    [
        new FilterBenchSection("gaussian-f32", "gaussian σ=2 float32 4032x3024, 1 thread", "blur_f32"),
        new FilterBenchSection("gaussian-rgb8", "gaussian σ=2 RGB8 4032x3024, 1 thread", "blur_rgb8"),
        new FilterBenchSection("lab-f32", "sRGB→Lab float32 4032x3024, 1 thread", "lab_f32"),
        new FilterBenchSection("gaussian-f32-mt", $"gaussian σ=2 float32 4032x3024, {Environment.ProcessorCount} threads", "blur_f32_mt"),
        new FilterBenchSection("lab-f32-mt", $"sRGB→Lab float32 4032x3024, {Environment.ProcessorCount} threads", "lab_f32_mt"),
    ];

    private static readonly Lock Gate = new();
    private static (int Iterations, OpenCvTimes? Times, string? Problem)? _openCv;
    private static Inputs? _inputs;

    /// <summary>
    /// Runs every case and returns one line per case. OpenCV numbers are null (with a reason in
    /// <see cref="FilterBenchReport.AnchorProblem"/>) when Debian's python3-opencv is not installed.
    /// </summary>
    public static FilterBenchReport Run(int iterations)
    {
        var lines = Sections.Cast<FilterBenchSection>().Select(s => Measure(s.Key, s.Case, iterations)).ToList();
        var (times, problem) = OpenCv(iterations);
        return new FilterBenchReport(lines, times?.Version, problem);
    }

    /// <summary>Measures one case (ours now; OpenCV's numbers come from one shared python run per iteration count).</summary>
    internal static FilterBenchLine Measure(string key, string name, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var (anchor, _) = OpenCv(iterations);
        var inp = InputsOnce();
        Action action = key switch
        {
            "blur_f32" => () => GaussianBlur.Blur(inp.Plane.Span, Width, Height, 1, inp.PlaneOut.Span, Sigma),
            "blur_rgb8" => () => GaussianBlur.Blur(inp.Rgb8.Span, Width, Height, 3, inp.Rgb8Out, Sigma),
            "lab_f32" => () => ColorConversion.RgbToLab(inp.RgbF.Span, inp.Lab),
            "blur_f32_mt" => () => GaussianBlur.Blur(inp.Plane, inp.PlaneOut, Sigma, -1),
            "lab_f32_mt" => () => ColorConversion.RgbToLab(inp.RgbF, -1).Dispose(),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown filter bench case"),
        };
        var t = Time(iterations, action);
        return Line(name, key.EndsWith("_mt", StringComparison.Ordinal) ? $"{Environment.ProcessorCount} threads" : "1 thread", t, anchor, key);
    }

    private static (OpenCvTimes? Times, string? Problem) OpenCv(int iterations)
    {
        lock (Gate)
        {
            if (_openCv is not { } cached || cached.Iterations != iterations)
            {
                var (times, problem) = RunOpenCv(iterations);
                _openCv = (iterations, times, problem);
            }

            return (_openCv.Value.Times, _openCv.Value.Problem);
        }
    }

    private static Inputs InputsOnce()
    {
        lock (Gate)
        {
            return _inputs ??= new Inputs();
        }
    }

    internal static string? AnchorNameFor(int iterations) => OpenCv(iterations).Times?.Version;

    internal static string? AnchorProblemFor(int iterations) => OpenCv(iterations).Problem;

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

    internal sealed record OpenCvTimes(string Version, Dictionary<string, double[]> Times);

    /// <summary>12 MP inputs with a fixed seed, allocated once per process (≈ 350 MB) and kept for later sections.</summary>
    private sealed class Inputs
    {
        public Inputs()
        {
            var rng = new Random(20261121);
            Fill(Plane.Span, rng);
            rng.NextBytes(Rgb8.Span);
            Fill(RgbF.Span, rng);
        }

        public PixelBuffer<float> Plane { get; } = new(Width, Height, 1, clear: false);

        public PixelBuffer<float> PlaneOut { get; } = new(Width, Height, 1, clear: false);

        public PixelBuffer<byte> Rgb8 { get; } = new(Width, Height, 3, clear: false);

        public byte[] Rgb8Out { get; } = new byte[Width * Height * 3];

        public PixelBuffer<float> RgbF { get; } = new(Width, Height, 3, clear: false);

        public float[] Lab { get; } = new float[Width * Height * 3];
    }
}

/// <summary>One filter case as a <c>bench</c> section: our time and OpenCV's, with CPU times in the note.</summary>
internal sealed class FilterBenchSection(string name, string caseName, string key) : IBenchSection
{
    public string Name => name;

    public string Case => caseName;

    public string Key => key;

    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var line = FilterBench.Measure(key, caseName, context.Iterations);
        var inv = CultureInfo.InvariantCulture;
        string note = $"best of {context.Iterations} after warm-up; wall time (Stopwatch / time.perf_counter); process CPU ms ours {line.OursCpuMs.ToString("F1", inv)}";
        note += line.OpenCvCpuMs is { } cpu
            ? $", OpenCV {cpu.ToString("F1", inv)}, CPU ratio {line.CpuRatio?.ToString("F2", inv)}" + (key.EndsWith("_mt", StringComparison.Ordinal) ? " (CPU summed over threads)" : string.Empty)
            : $"; no OpenCV anchor: {FilterBench.AnchorProblemFor(context.Iterations)}";
        return new BenchResult(name, caseName, line.OursMs, line.OpenCvMs is null ? null : FilterBench.AnchorNameFor(context.Iterations), line.OpenCvMs, note);
    }
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
