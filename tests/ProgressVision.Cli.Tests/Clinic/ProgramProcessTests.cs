using System.Diagnostics;
using ProgressVision.Cli.Clinic;

namespace ProgressVision.Cli.Tests.Clinic;

/// <summary>
/// The program as users start it: its own process with its own runtimeconfig (JIT settings), not the
/// test host. A runtime setting once broke PDFsharp's licence check only there (in-process tests passed).
/// </summary>
[Collection("analyze")] // shares the child-process environment conventions of AnalyzeTests
public sealed class ProgramProcessTests
{
    [Fact]
    public async Task Demo_InItsOwnProcess_WritesHtmlAndPdfPortfolios()
    {
        using var fx = new ClinicFixture();
        Directory.CreateDirectory(fx.File("samples/client-x"));
        for (int s = 1; s <= 2; s++)
        {
            File.Move(fx.Png($"s{s}.png", s), fx.File($"samples/client-x/s{s}-top.png"));
        }

        File.WriteAllText(fx.File("samples/manifest.json"), """
            { "clients": [ { "name": "client-x", "sessions": [
              { "number": 1, "date": "2026-01-05", "photos": [ { "view": "top", "file": "client-x/s1-top.png" } ] },
              { "number": 2, "date": "2026-01-19", "photos": [ { "view": "top", "file": "client-x/s2-top.png" } ] } ] } ] }
            """);

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = fx.Folder };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "progressvision.dll"), "demo", "--samples", fx.File("samples/manifest.json"), "--out", fx.File("portfolios"), "--db", fx.Db })
        {
            psi.ArgumentList.Add(a);
        }

        // The test double keeps this about the process, not the (slow, separately tested) analysis.
        psi.Environment[PairAnalysisProvider.Variable] = $"{typeof(InstrumentedPairAnalysis).Assembly.Location};{typeof(InstrumentedPairAnalysis).FullName}";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = await p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "demo did not finish");
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {stderr}\n{await stdout}");

        byte[] pdf = File.ReadAllBytes(fx.File("portfolios/client-x/portfolio.pdf"));
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.Contains("</html>", File.ReadAllText(fx.File("portfolios/client-x/portfolio.html")), StringComparison.Ordinal);
    }
}
