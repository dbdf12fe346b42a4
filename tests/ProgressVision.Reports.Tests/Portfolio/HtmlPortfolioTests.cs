using System.Text.RegularExpressions;
using ProgressVision.Reports.Portfolio;

namespace ProgressVision.Reports.Tests.Portfolio;

public sealed partial class HtmlPortfolioTests : IClassFixture<PortfolioFixtureHolder>
{
    private readonly PortfolioFixture _fx;

    public HtmlPortfolioTests(PortfolioFixtureHolder holder) => _fx = holder.Fixture;

    private string Html(PortfolioAudience audience, IReadOnlyList<string>? consents = null) =>
        HtmlPortfolioWriter.Render(PortfolioBuilder.Build(_fx.History(consents), audience, new DateOnly(2024, 6, 1), "test"));

    [GeneratedRegex("(?:src|href)\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [Fact]
    public void Internal_IsSelfContained_AndEscapesEveryUserString()
    {
        string html = Html(PortfolioAudience.Internal);
        // Every src/href is inline data; no URL but the SVG namespace appears anywhere.
        var urls = UrlAttribute().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.StartsWith("data:image/jpeg;base64,", u, StringComparison.Ordinal));
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        // The only URLs are the SVG namespace and the (escaped, inert) text of the client notes.
        Assert.All(Regex.Matches(html, "https?://[^\"\\s<&]*").Select(m => m.Value),
            u => Assert.Contains(u, new[] { "http://www.w3.org/2000/svg", "https://tracker.example/x.png" }));
        Assert.Contains("&lt;img src=&quot;https://tracker.example/x.png&quot;&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);

        // User text appears only escaped.
        Assert.DoesNotContain("<script>window.__pwned", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.__pwned=1&lt;/script&gt; O&#39;Brien &amp; &quot;Sons&quot; ../../etc", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>latex</b>", html, StringComparison.Ordinal);
        Assert.Contains("allergic to &lt;b&gt;latex&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Pat &lt;Practitioner&gt;", html, StringComparison.Ordinal);
        Assert.Contains("the target 60.0% &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<script>")); // only our own inline script

        // Internal shows notes and flags.
        Assert.Contains("data-internal=\"notes\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"layer-flags\"", html, StringComparison.Ordinal);
        Assert.Contains(">redness<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ListsTheSha256OfEveryOriginalPhoto_ComputedIndependently()
    {
        string html = Html(PortfolioAudience.Client);
        foreach (var p in _fx.Photos)
        {
            string sha = PortfolioFixture.Python("-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", _fx.PathOf(p)).Trim();
            Assert.Contains($"<code>{sha}</code>", html, StringComparison.Ordinal);
        }

        Assert.Equal(_fx.Photos.Count, Regex.Matches(html, "<code>[0-9a-f]{64}</code>").Count);
    }

    [Fact]
    public void ClientPortfolio_HasNoInternalNotesOrFlags()
    {
        string html = Html(PortfolioAudience.Client);
        Assert.DoesNotContain("latex", html, StringComparison.Ordinal);
        Assert.DoesNotContain("internal&lt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("session 1 note", html, StringComparison.Ordinal);
        Assert.DoesNotContain("redness", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"layer-flags\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-layer=\"flags\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-internal", html, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien", html, StringComparison.Ordinal); // the client's own name is shown
        // The recommendation's measured reason is shown, its flag reasons (scores, boxes) are not.
        Assert.Contains("the target 60.0% &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(score 0.81)", html, StringComparison.Ordinal);
        // The latest pair of each view ends at 66% coverage, above the fixture's 60% target.
        Assert.Equal(2, Regex.Matches(html, "No further session needed").Count);
        // Each view says which targets its call was judged against (the fixture's 72 dots/cm², 60 %).
        Assert.Equal(2, Regex.Matches(System.Net.WebUtility.HtmlDecode(html), "Judged against: density ≥ 72 dots/cm² \\(when the scale is known\\), coverage ≥ 60%").Count);
    }

    [Fact]
    public void PublicPortfolio_NeedsPublicConsent_AndWithholdsTheName()
    {
        Assert.Throws<PortfolioConsentException>(() => Html(PortfolioAudience.Public));
        string html = Html(PortfolioAudience.Public, ["internal", "client-review", "public-portfolio"]);
        Assert.DoesNotContain("Brien", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Practitioner", html, StringComparison.Ordinal);
        Assert.DoesNotContain("latex", html, StringComparison.Ordinal);
        Assert.DoesNotContain("redness", html, StringComparison.Ordinal);
        Assert.Contains("Client #7", html, StringComparison.Ordinal);
    }
}

/// <summary>Draws the photos once per test class.</summary>
public sealed class PortfolioFixtureHolder : IDisposable
{
    public PortfolioFixture Fixture { get; } = new();

    public void Dispose() => Fixture.Dispose();
}
