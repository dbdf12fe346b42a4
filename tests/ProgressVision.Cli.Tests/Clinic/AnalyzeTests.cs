using System.Diagnostics;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Store;

namespace ProgressVision.Cli.Tests.Clinic;

/// <summary>analyze: resumable, per-pair transactions, survives a kill. Runs the CLI in a child process.</summary>
[Collection("analyze")] // these tests set process-wide environment variables
public sealed class AnalyzeTests
{
    private static readonly string Spec = $"{typeof(InstrumentedPairAnalysis).Assembly.Location};{typeof(InstrumentedPairAnalysis).FullName}";

    private static void ThreeSessionsTwoViews(ClinicFixture fx)
    {
        Assert.Equal(0, CapturingConsole.Run("client", "add", "Ann", "--db", fx.Db).Code);
        for (int s = 1; s <= 3; s++)
        {
            var (code, c) = CapturingConsole.Run("session", "add", "--client", "Ann", "--date", $"2024-0{s}-01",
                "--photo", $"front={fx.Png($"f{s}.png", s, 40 + s, 30)}", "--photo", $"top={fx.Png($"t{s}.png", 10 + s, 30 + s, 30)}", "--db", fx.Db);
            Assert.True(code == 0, c.Err);
        }
    }

    private static (int Code, string Out, string Err) RunChild(ClinicFixture fx, Action<Process>? whileRunning, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = fx.Folder };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "progressvision.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment[PairAnalysisProvider.Variable] = Spec;
        psi.Environment["PV_TEST_ANALYSIS_DELAY_MS"] = whileRunning is null ? "0" : "1000";
        psi.Environment["PV_TEST_ANALYSIS_LOG"] = fx.File("calls.log");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        whileRunning?.Invoke(p);
        Assert.True(p.WaitForExit(120_000), "analyze did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Oracle(ClinicFixture fx, string script) => ClinicFixture.Python(
        $"import sqlite3, json\ndb = sqlite3.connect(r'{fx.Db}')\n{script}").Trim();

    [Fact]
    public void KilledMidRun_LeavesAConsistentDatabase_AndTheNextRunFinishesOnlyTheRest()
    {
        using var fx = new ClinicFixture();
        ThreeSessionsTwoViews(fx); // 2 views × (1→2, 2→3, 1→3) = 6 pairs

        var (killedCode, _, _) = RunChild(fx, p =>
        {
            // Wait until two pairs are committed, then kill without warning (no Ctrl+C, no cleanup).
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !p.HasExited)
            {
                string n = Oracle(fx, "print(db.execute('SELECT count(*) FROM analyses').fetchone()[0])");
                if (int.Parse(n) >= 2)
                {
                    break;
                }

                Thread.Sleep(50);
            }

            Assert.False(p.HasExited, "analyze finished before it could be killed");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }, "analyze", "--client", "Ann", "--db", fx.Db);
        Assert.NotEqual(0, killedCode);

        // Independent check (Python's sqlite3): intact file, every stored row complete.
        string check = Oracle(fx, """
            print(db.execute('PRAGMA integrity_check').fetchone()[0])
            rows = db.execute('SELECT result_json, dots_json, program_version FROM analyses').fetchall()
            ok = all(json.loads(r[0])['version'] == 'instrumented' and len(json.loads(r[1])['after']) == 1 and r[2] for r in rows)
            print(len(rows), ok)
            """);
        var lines = check.Split('\n');
        Assert.Equal("ok", lines[0]);
        int kept = int.Parse(lines[1].Split(' ')[0]);
        Assert.InRange(kept, 2, 5);
        Assert.EndsWith("True", lines[1], StringComparison.Ordinal);
        string before = Oracle(fx, "print(sorted(db.execute('SELECT id, created_utc FROM analyses').fetchall()))");
        File.Delete(fx.File("calls.log"));

        var (code, stdout, stderr) = RunChild(fx, null, "analyze", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.True(code == 0, stderr);
        using var summary = JsonDocument.Parse(stdout);
        Assert.Equal(6, summary.RootElement.GetProperty("planned").GetInt32());
        Assert.Equal(kept, summary.RootElement.GetProperty("skipped").GetInt32());
        Assert.Equal(6 - kept, summary.RootElement.GetProperty("analysed").GetInt32());
        Assert.Equal(6 - kept, File.ReadAllLines(fx.File("calls.log")).Length); // finished pairs were not redone
        Assert.Equal("6", Oracle(fx, "print(db.execute('SELECT count(*) FROM analyses').fetchone()[0])"));
        string after = Oracle(fx, $"print(sorted(db.execute('SELECT id, created_utc FROM analyses').fetchall())[:{kept}])");
        Assert.Equal(before, after);
    }

    [Fact]
    public void ResultsOfOtherAnalysisCode_AreRedone_CurrentOnesKept()
    {
        using var fx = new ClinicFixture();
        ThreeSessionsTwoViews(fx); // 6 pairs
        var (code, _, stderr) = RunChild(fx, null, "analyze", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.True(code == 0, stderr);

        // Stored with the version and a fingerprint of the code that computed them (read back by Python's sqlite3).
        string versions = Oracle(fx, "print(sorted(set(r[0] for r in db.execute('SELECT program_version FROM analyses'))))");
        Assert.Matches(@"^\['\d+\.\d+\.\d+\+analysis\.[0-9a-f]{12}'\]$", versions);

        // One result as builds before the fingerprint stored it (the bare version number): its code may have had other
        // rules, so the next run redoes it, and only it.
        Oracle(fx, "db.execute(\"UPDATE analyses SET program_version = '0.1.0' WHERE id = (SELECT min(id) FROM analyses)\"); db.commit()");
        File.Delete(fx.File("calls.log"));
        (code, var stdout, stderr) = RunChild(fx, null, "analyze", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.True(code == 0, stderr);
        using var summary = JsonDocument.Parse(stdout);
        Assert.Equal(1, summary.RootElement.GetProperty("analysed").GetInt32());
        Assert.Equal(5, summary.RootElement.GetProperty("skipped").GetInt32());
        Assert.Single(File.ReadAllLines(fx.File("calls.log")));
        Assert.Equal(versions, Oracle(fx, "print(sorted(set(r[0] for r in db.execute('SELECT program_version FROM analyses'))))"));
    }

    [Fact]
    public void FailingPair_IsReported_OthersAreStored_AndStatusShowsCoverage()
    {
        using var fx = new ClinicFixture();
        ThreeSessionsTwoViews(fx);
        // A fourth session whose top photo the instrumented analysis refuses (it ends with a marker), as a decoder would.
        string marked = fx.Png("t4.png", 99, 33, 30);
        File.AppendAllBytes(marked, [0x42, 0x42]);
        Assert.Equal(0, CapturingConsole.Run("session", "add", "--client", "Ann", "--date", "2024-04-01", "--photo", $"top={marked}", "--db", fx.Db).Code);

        var (code, stdout, stderr) = RunChild(fx, null, "analyze", "--client", "Ann", "--db", fx.Db, "--format", "json");
        Assert.Equal(ExitCodes.BadInput, code);
        using var summary = JsonDocument.Parse(stdout);
        // front: 1→2, 2→3, 1→3; top: 1→2, 2→3, 3→4, 1→4. The two pairs ending at the marked photo fail.
        Assert.Equal((7, 5, 2), (summary.RootElement.GetProperty("planned").GetInt32(), summary.RootElement.GetProperty("analysed").GetInt32(), summary.RootElement.GetProperty("failed").GetInt32()));
        var failed = summary.RootElement.GetProperty("pairs").EnumerateArray().Where(p => p.GetProperty("outcome").GetString() == "failed").ToList();
        Assert.All(failed, f => Assert.Contains("marked undecodable", f.GetProperty("error").GetString(), StringComparison.Ordinal));
        Assert.Equal("5", Oracle(fx, "print(db.execute('SELECT count(*) FROM analyses').fetchone()[0])"));
    }

    [Fact]
    public void WithoutAnAnalysisPipeline_AnalyzeSaysSo()
    {
        using var fx = new ClinicFixture();
        Assert.Equal(0, CapturingConsole.Run("client", "add", "Ann", "--db", fx.Db).Code);
        if (PairAnalysisProvider.BuiltIn is not null)
        {
            return; // the pipeline is part of this build: nothing to check here
        }

        var (code, console) = CapturingConsole.Run("analyze", "--client", "Ann", "--db", fx.Db);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("not part of this build", console.Err, StringComparison.Ordinal);
        using var store = ClinicStore.Open(fx.Db);
        Assert.Empty(store.GetAnalyses(store.GetClient("Ann").Id));
    }
}
