using System.Diagnostics;

namespace ProgressVision.Cli.Bench;

/// <summary>Timing helpers shared by bench sections: best-of-N in process and for a child process.</summary>
public static class BenchTiming
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then returns the best of <paramref name="iterations"/> runs in ms.</summary>
    public static double BestOf(int iterations, int warmup, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int i = 0; i < warmup; i++)
        {
            action();
        }

        double best = double.MaxValue;
        for (int i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    /// <summary>Best wall time in ms of running a process to completion (start-up included); throws when it fails.</summary>
    public static double BestProcessTime(int iterations, string fileName, IReadOnlyList<string> arguments)
    {
        return BestOf(iterations, 1, () =>
        {
            var psi = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in arguments)
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {fileName}");
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({p.ExitCode}): {err}");
            }
        });
    }

    /// <summary>Full path of a tool on PATH, or null.</summary>
    public static string? FindTool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            foreach (var candidate in new[] { name, name + ".exe" })
            {
                string p = Path.Combine(dir, candidate);
                if (File.Exists(p))
                {
                    return p;
                }
            }
        }

        return null;
    }
}
