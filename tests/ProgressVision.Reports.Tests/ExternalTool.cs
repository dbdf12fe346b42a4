using System.Diagnostics;

namespace ProgressVision.Reports.Tests;

/// <summary>Runs an oracle program (Debian's python3, poppler-utils) and returns its standard output.</summary>
internal static class ExternalTool
{
    /// <summary>
    /// Runs <paramref name="exe"/> (an absolute path; <paramref name="installHint"/> says how CI gets it)
    /// and fails the test with its standard error if it exits non-zero.
    /// </summary>
    public static string Run(string exe, string installHint, params string[] args)
    {
        Assert.True(File.Exists(exe), $"{exe} missing: {installHint}");
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;

        // Both pipes drain at once: a tool that fills one pipe's buffer while we block reading the
        // other would otherwise hang the test.
        var error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(exe)} failed (exit {p.ExitCode}): {error.GetAwaiter().GetResult()}");
        return output;
    }
}
