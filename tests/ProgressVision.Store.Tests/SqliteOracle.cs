using System.Diagnostics;

namespace ProgressVision.Store.Tests;

/// <summary>
/// Debian's Python sqlite3 module (a separate SQLite build from our bundled e_sqlite3): reads and
/// writes database files independently of Microsoft.Data.Sqlite.
/// </summary>
public static class SqliteOracle
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with <c>db</c> bound to an open connection; returns stdout.</summary>
    public static string Run(string dbPath, string script)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: bash .ci/run installs Debian's python3.");
        string program = "import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1], isolation_level=None)\n" + script + "\ndb.close()\n";
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(program);
        psi.ArgumentList.Add(dbPath);
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"python sqlite3 failed: {stderr}");
        return stdout.Trim();
    }
}
