using System.Diagnostics;
using System.Globalization;

namespace ProgressVision.Analysis.Tests;

/// <summary>
/// Debian's /usr/bin/python3 as an oracle (the interpreter with python3-opencv and numpy; the python3 first on PATH
/// is another build without them): runs a program and reads one number per output line.
/// </summary>
internal static class DebianPython
{
    /// <summary>The interpreter.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>
    /// Runs <paramref name="program"/> (python3 -c) with <paramref name="args"/> and parses every non-empty line it
    /// prints as a double; fails naming the interpreter and its error output when it exits non-zero.
    /// </summary>
    public static List<double> Doubles(string program, params IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(program);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var python = Process.Start(psi) ?? throw new InvalidOperationException($"{Interpreter} did not start");
        var stderr = python.StandardError.ReadToEndAsync();
        string stdout = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"{Interpreter} failed ({python.ExitCode}): {stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList();
    }
}
