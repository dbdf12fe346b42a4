using ProgressVision.Reports.Pdf;
using ProgressVision.Reports.Portfolio;

namespace ProgressVision.Reports.Tests.Portfolio;

/// <summary>The PDF checked with poppler's pdfinfo/pdftotext (an independent PDF reader).</summary>
public sealed class PdfPortfolioTests : IClassFixture<PortfolioFixtureHolder>
{
    private readonly PortfolioFixture _fx;

    public PdfPortfolioTests(PortfolioFixtureHolder holder) => _fx = holder.Fixture;

    private static string Poppler(string tool, params string[] args) =>
        ExternalTool.Run("/usr/bin/" + tool, "bash .ci/run installs poppler-utils.", args);

    [Fact]
    public void Pdf_HasCoverViewAndHashPages_WithTheirText()
    {
        var doc = PortfolioBuilder.Build(_fx.History(), PortfolioAudience.Internal, new DateOnly(2024, 6, 1), "test");
        string file = Path.Combine(_fx.Folder, "internal.pdf");
        File.WriteAllBytes(file, PdfPortfolioWriter.Render(doc));

        // Cover + one page per view (front, crown) + hashes.
        string info = Poppler("pdfinfo", file);
        Assert.Matches(@"(?m)^Pages:\s+4$", info);

        string text = Poppler("pdftotext", "-layout", file, "-");
        var pages = text.Split('\f');
        Assert.True(pages[0].Contains("O'Brien & \"Sons\"", StringComparison.Ordinal), pages[0]);
        Assert.True(pages[0].Contains("Session 3: 2024-03-15 (78 days ago)", StringComparison.Ordinal), pages[0]);
        Assert.True(pages[0].Contains("allergic to <b>latex</b>", StringComparison.Ordinal), pages[0]); // internal notes, as plain text
        Assert.True(pages[1].Contains("View: front", StringComparison.Ordinal), pages[1]);
        Assert.True(pages[2].Contains("View: crown", StringComparison.Ordinal), pages[2]);
        Assert.True(pages[1].Contains("redness", StringComparison.Ordinal), pages[1]);
        Assert.True(pages[1].Contains("coverage +35.0 points since session 1", StringComparison.Ordinal), pages[1]);
        Assert.True(pages[1].Contains("Judged against: density ≥ 72 dots/cm²", StringComparison.Ordinal), pages[1]);
        foreach (var p in _fx.Photos)
        {
            Assert.True(pages[3].Contains(PortfolioFixture.Sha(_fx.PathOf(p)), StringComparison.Ordinal), pages[3]);
        }

        // Images: 2 per view page, as JPEG (DCT) streams.
        string images = Poppler("pdfimages", "-list", file);
        Assert.Equal(4, images.Split('\n').Count(l => l.Contains("jpeg", StringComparison.Ordinal)));
    }

    [Fact]
    public void ClientPdf_LeavesOutNotesAndFlags()
    {
        var doc = PortfolioBuilder.Build(_fx.History(), PortfolioAudience.Client, new DateOnly(2024, 6, 1), "test");
        string file = Path.Combine(_fx.Folder, "client.pdf");
        File.WriteAllBytes(file, PdfPortfolioWriter.Render(doc));
        string text = Poppler("pdftotext", file, "-");
        Assert.DoesNotContain("latex", text, StringComparison.Ordinal);
        Assert.DoesNotContain("redness", text, StringComparison.Ordinal);
        Assert.DoesNotContain("note", text, StringComparison.Ordinal);
        Assert.Contains("O'Brien", text, StringComparison.Ordinal);
    }
}
