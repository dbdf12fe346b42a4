using System.Text.Json;

namespace ProgressVision.Cli.Tests.Clinic;

/// <summary>guide, portfolio and demo through the command line.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public void Guide_IsTheLatestPhotoAsATranslucentGhost()
    {
        using var fx = new ClinicFixture();
        CapturingConsole.Run("client", "add", "Ann", "--db", fx.Db);
        CapturingConsole.Run("session", "add", "--client", "Ann", "--date", "2024-01-01", "--photo", $"crown={fx.Png("c1.png", 1, 90, 60)}", "--db", fx.Db);
        string latest = fx.Png("c2.png", 2, 90, 60);
        CapturingConsole.Run("session", "add", "--client", "Ann", "--date", "2024-02-01", "--photo", $"crown={latest}", "--db", fx.Db);
        string ghost = fx.File("ghost.png");
        var (code, console) = CapturingConsole.Run("guide", "--client", "Ann", "--view", "crown", "--out", ghost, "--db", fx.Db);
        Assert.True(code == 0, console.Err);

        // PIL: RGBA, same size; away from the guide lines the colour is session 2's photo at alpha 115.
        string[] report = ClinicFixture.Python($"""
            from PIL import Image
            import numpy as np
            g = np.array(Image.open(r'{ghost}')); s = np.array(Image.open(r'{latest}').convert('RGB'))
            print(Image.open(r'{ghost}').mode, g.shape[1], g.shape[0])
            mask = g[:, :, 3] == 115
            print(int(mask.sum()), int((g[:, :, 3] == 255).sum()), bool((g[mask][:, :3] == s[mask]).all()))
            print(g[10, 10, 3], g[20, 30, 3], g[30, 45, 3])
            """).Trim().Split('\n');
        Assert.Equal("RGBA 90 60", report[0]);
        var counts = report[1].Split(' ');
        Assert.Equal(90 * 60, int.Parse(counts[0]) + int.Parse(counts[1]));
        Assert.True(int.Parse(counts[1]) > 0);
        Assert.Equal("True", counts[2]);
        Assert.Equal("115 255 255", report[2]); // (x=30, y=20) lies on the left thirds line; (45, 30) is the centre

        var (missing, err) = CapturingConsole.Run("guide", "--client", "Ann", "--view", "front", "--db", fx.Db);
        Assert.Equal(ExitCodes.StoreError, missing);
        Assert.Contains("no front photo yet (views on record: crown)", err.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicPortfolio_WithoutConsent_IsRefused_AndWritesNothing()
    {
        using var fx = new ClinicFixture();
        CapturingConsole.Run("client", "add", "Ann", "--db", fx.Db);
        CapturingConsole.Run("session", "add", "--client", "Ann", "--date", "2024-01-01", "--photo", $"top={fx.Png("t1.png", 1)}", "--db", fx.Db);
        string dir = fx.File("out");
        var (code, console) = CapturingConsole.Run("portfolio", "--client", "Ann", "--out", dir, "--audience", "public", "--db", fx.Db);
        Assert.Equal(ExitCodes.StoreError, code);
        Assert.Contains("public-portfolio consent", console.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));

        Assert.Equal(0, CapturingConsole.Run("consent", "grant", "--client", "Ann", "--scope", "public-portfolio", "--db", fx.Db).Code);
        (code, console) = CapturingConsole.Run("portfolio", "--client", "Ann", "--out", dir, "--audience", "public", "--db", fx.Db, "--format", "json");
        Assert.True(code == 0, console.Err);
        using var written = JsonDocument.Parse(console.Out);
        Assert.Equal(["html", "pdf"], written.RootElement.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.DoesNotContain("Ann", File.ReadAllText(Path.Combine(dir, "portfolio.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_ImportsTheManifestOnce_AndWritesEachClientsPortfolio()
    {
        using var fx = new ClinicFixture();
        Directory.CreateDirectory(fx.File("samples/client-x"));
        for (int s = 1; s <= 2; s++)
        {
            File.Move(fx.Png($"s{s}.png", s), fx.File($"samples/client-x/s{s}-top.png"));
        }

        File.WriteAllText(fx.File("samples/manifest.json"), """
            { "seed": 1, "clients": [ { "name": "client-x", "skinTone": "Tan", "sessions": [
              { "number": 1, "date": "2026-01-05", "photos": [ { "view": "top", "file": "client-x/s1-top.png", "mmPerPx": 0.05 } ] },
              { "number": 2, "date": "2026-01-19", "photos": [ { "view": "top", "file": "client-x/s2-top.png" } ] } ] } ] }
            """);
        string[] args = ["demo", "--samples", fx.File("samples/manifest.json"), "--out", fx.File("portfolios"), "--db", fx.Db];
        var (code, first) = CapturingConsole.Run(args);
        Assert.True(code == 0, first.Err);
        Assert.Equal(2, first.Out.Split('\n').Count(l => l.StartsWith("imported client-x", StringComparison.Ordinal)));
        Assert.True(File.Exists(fx.File("portfolios/client-x/portfolio.html")));
        Assert.True(File.Exists(fx.File("portfolios/client-x/portfolio.pdf")));

        var (again, second) = CapturingConsole.Run(args);
        Assert.True(again == 0, second.Err);
        Assert.DoesNotContain("imported", second.Out, StringComparison.Ordinal);
        var (_, list) = CapturingConsole.Run("client", "list", "--db", fx.Db, "--format", "json");
        using var clients = JsonDocument.Parse(list.Out);
        var only = Assert.Single(clients.RootElement.EnumerateArray());
        Assert.Equal(2, only.GetProperty("sessions").GetInt32());
    }
}
