using System.Diagnostics;
using System.Text;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg;

/// <summary>Oracle tools (cjpeg/djpeg), PNM I/O, synthetic images and paths for the JPEG tests.</summary>
internal static class JpegTestSupport
{
    /// <summary>A file under the shared material directory (see <see cref="Png.SharedCorpus"/>, which
    /// resolves <c>&lt;repo root&gt;/../shared</c>, also from a git worktree); fails naming the path when missing.</summary>
    public static string SharedFile(params string[] parts) =>
        Png.SharedCorpus.Require(Path.Combine([Png.SharedCorpus.Root, .. parts]));

    /// <summary>Full path of an oracle tool; fails with an install hint when missing.</summary>
    public static string Tool(string name)
    {
        foreach (var dir in new[] { "/usr/bin", "/usr/local/bin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            string p = Path.Combine(dir, name);
            if (File.Exists(p))
            {
                return p;
            }
        }

        Assert.Fail($"Oracle tool '{name}' not found: install libjpeg-turbo-progs (`bash .ci/run` does).");
        return name;
    }

    /// <summary>Runs a tool; fails on non-zero exit with its stderr.</summary>
    public static void Run(string tool, string arguments, int timeoutMs = 60_000)
    {
        var (code, err) = TryRun(tool, arguments, timeoutMs);
        if (code != 0)
        {
            Assert.Fail($"{tool} {arguments} failed with exit code {code}: {err}");
        }
    }

    /// <summary>Runs a tool and returns its exit code and stderr.</summary>
    public static (int ExitCode, string StdErr) TryRun(string tool, string arguments, int timeoutMs = 60_000)
    {
        var psi = new ProcessStartInfo(Tool(tool), arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var errTask = p.StandardError.ReadToEndAsync();
        var outTask = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(true);
            Assert.Fail($"{tool} {arguments} timed out");
        }

        p.WaitForExit();
        _ = outTask.Result;
        return (p.ExitCode, errTask.Result);
    }

    /// <summary>A fresh temporary directory.</summary>
    public static string TempDir(string prefix)
    {
        string d = Path.Combine(Path.GetTempPath(), $"pv-{prefix}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(d);
        return d;
    }

    /// <summary>Writes a binary PPM (P6) or PGM (P5).</summary>
    public static void WritePnm(string path, int width, int height, int channels, byte[] pixels)
    {
        using var fs = File.Create(path);
        var header = Encoding.ASCII.GetBytes($"{(channels == 3 ? "P6" : "P5")}\n{width} {height}\n255\n");
        fs.Write(header);
        fs.Write(pixels, 0, width * height * channels);
    }

    /// <summary>Reads a binary PPM/PGM as written by djpeg.</summary>
    public static (int Width, int Height, int Channels, byte[] Pixels) ReadPnm(string path)
    {
        byte[] d = File.ReadAllBytes(path);
        int pos = 0;
        string Token()
        {
            while (true)
            {
                while (pos < d.Length && char.IsWhiteSpace((char)d[pos]))
                {
                    pos++;
                }

                if (pos < d.Length && d[pos] == '#')
                {
                    while (pos < d.Length && d[pos] != '\n')
                    {
                        pos++;
                    }

                    continue;
                }

                break;
            }

            int start = pos;
            while (pos < d.Length && !char.IsWhiteSpace((char)d[pos]))
            {
                pos++;
            }

            return Encoding.ASCII.GetString(d, start, pos - start);
        }

        string magic = Token();
        int w = int.Parse(Token());
        int h = int.Parse(Token());
        int max = int.Parse(Token());
        Assert.Equal(255, max);
        pos++; // single whitespace after maxval
        int ch = magic == "P6" ? 3 : magic == "P5" ? 1 : throw new InvalidDataException($"not a binary PNM: {magic}");
        return (w, h, ch, d.AsSpan(pos, w * h * ch).ToArray());
    }

    /// <summary>
    /// A deterministic test photo: smooth gradients (chroma varies too), seeded noise, hard edges
    /// (a bright rectangle and a diagonal), so every DCT frequency and the upsampler edges get exercised.
    /// </summary>
    public static byte[] SyntheticRgb(int width, int height, int seed)
    {
        var rnd = new Random(seed);
        var px = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double fx = width > 1 ? (double)x / (width - 1) : 0;
                double fy = height > 1 ? (double)y / (height - 1) : 0;
                int r = (int)(255 * fx);
                int g = (int)(255 * fy);
                int b = (int)(128 + (100 * Math.Sin((x + y) * 0.05)));
                if (x > width / 4 && x < width / 2 && y > height / 3 && y < 2 * height / 3)
                {
                    r = 250;
                    g = 240;
                    b = 20;
                }

                if (Math.Abs(x - y) < 2)
                {
                    r = g = b = 0;
                }

                int n = rnd.Next(-12, 13);
                int i = ((y * width) + x) * 3;
                px[i] = (byte)Math.Clamp(r + n, 0, 255);
                px[i + 1] = (byte)Math.Clamp(g + n, 0, 255);
                px[i + 2] = (byte)Math.Clamp(b - n, 0, 255);
            }
        }

        return px;
    }

    /// <summary>Maximum and mean absolute difference of two equally sized sample arrays.</summary>
    public static (int Max, double Mean) Diff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        int max = 0;
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - b[i]);
            sum += d;
            if (d > max)
            {
                max = d;
            }
        }

        return (max, a.Length == 0 ? 0 : (double)sum / a.Length);
    }
}
