using System.Diagnostics;
using System.Text;
using ProgressVision.Imaging.Codecs.Jpeg;

namespace ProgressVision.Cli.Bench;

/// <summary>
/// 12 MP (4032×3024) baseline 4:2:0 JPEG decode: ours in process versus libjpeg-turbo's <c>djpeg</c>
/// (single-threaded, SIMD). djpeg is timed as a whole process writing to the null device; its
/// start-up cost is measured on a 1×1 JPEG and subtracted.
/// </summary>
public sealed class JpegDecodeBench : IBenchSection
{
    /// <summary>Width of the benchmark photo.</summary>
    public const int Width = 4032;

    /// <summary>Height of the benchmark photo.</summary>
    public const int Height = 3024;

    /// <inheritdoc />
    public string Name => "jpeg-decode";

    /// <inheritdoc />
    public BenchResult Run(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? cjpeg = BenchTiming.FindTool("cjpeg");
        string? djpeg = BenchTiming.FindTool("djpeg");
        if (cjpeg is null)
        {
            throw new CliException(ExitCodes.Failure, "jpeg-decode bench: cjpeg not found (install libjpeg-turbo-progs) — it makes the 12 MP test JPEG");
        }

        string big = MakeJpeg(context.WorkDirectory, cjpeg, "bench-12mp", Width, Height);
        string tiny = MakeJpeg(context.WorkDirectory, cjpeg, "bench-1x1", 1, 1);
        byte[] data = File.ReadAllBytes(big);

        double ours = BenchTiming.BestOf(context.Iterations, 2, () => JpegDecoder.Decode(data, big).Dispose());

        double? anchor = null;
        string anchorName = "djpeg (libjpeg-turbo)";
        string note = $"{data.Length / 1024} KiB, q90 4:2:0; ours: best of {context.Iterations} in process after warm-up";
        if (djpeg is not null)
        {
            string nul = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
            double whole = BenchTiming.BestProcessTime(context.Iterations, djpeg, ["-outfile", nul, big]);
            double startup = BenchTiming.BestProcessTime(context.Iterations, djpeg, ["-outfile", nul, tiny]);
            anchor = Math.Max(0.001, whole - startup);
            anchorName = DjpegVersion(djpeg);
            note += $"; djpeg: best of {context.Iterations} whole-process {whole:F1} ms minus start-up {startup:F1} ms (1x1 JPEG)";
        }
        else
        {
            note += "; djpeg not found, no anchor";
        }

        return new BenchResult(Name, $"{Width}x{Height} baseline 4:2:0", ours, djpeg is null ? null : anchorName, anchor, note);
    }

    /// <summary>Writes a synthetic photo-like PPM (gradients, texture, noise, edges) and compresses it with cjpeg -quality 90.</summary>
    private static string MakeJpeg(string dir, string cjpeg, string name, int w, int h)
    {
        string ppm = Path.Combine(dir, name + ".ppm");
        string jpg = Path.Combine(dir, name + ".jpg");
        using (var fs = File.Create(ppm))
        {
            fs.Write(Encoding.ASCII.GetBytes($"P6\n{w} {h}\n255\n"));
            var row = new byte[w * 3];
            var rnd = new Random(12);
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    // Skin-like base with smooth shading, a dot texture and mild noise: compresses like a close-up photo.
                    double shade = 0.75 + (0.25 * Math.Sin(x * 0.0021) * Math.Cos(y * 0.0017));
                    bool dot = ((x / 9) + (y / 9)) % 7 == 0 && (x % 9) < 4 && (y % 9) < 4;
                    int n = rnd.Next(-6, 7);
                    int r = dot ? 60 : (int)(205 * shade) + n;
                    int g = dot ? 50 : (int)(160 * shade) + n;
                    int b = dot ? 55 : (int)(140 * shade) + n;
                    row[3 * x] = (byte)Math.Clamp(r, 0, 255);
                    row[(3 * x) + 1] = (byte)Math.Clamp(g, 0, 255);
                    row[(3 * x) + 2] = (byte)Math.Clamp(b, 0, 255);
                }

                fs.Write(row);
            }
        }

        var psi = new ProcessStartInfo(cjpeg) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-quality", "90", "-sample", "2x2", "-outfile", jpg, ppm })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new CliException(ExitCodes.Failure, $"cjpeg failed: {err}");
        }

        File.Delete(ppm);
        return jpg;
    }

    private static string DjpegVersion(string djpeg)
    {
        try
        {
            var psi = new ProcessStartInfo(djpeg, "-version") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            string text = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            string first = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            return first.Length > 0 ? $"djpeg ({first.Trim()})" : "djpeg";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "djpeg";
        }
    }
}
