using Microsoft.Playwright;
using ProgressVision.Reports.Portfolio;
using ProgressVision.Reports.Tests.Portfolio;

namespace ProgressVision.Reports.Tests.Browser;

/// <summary>
/// Opens a generated portfolio in Debian's Chromium (driven by Playwright, no downloaded browser),
/// drags the swipe slider, toggles an overlay, and checks there were no console errors and no
/// network requests. Leaves a screenshot in <see cref="ScreenshotPath"/>.
/// </summary>
public sealed class PortfolioBrowserTests : IClassFixture<PortfolioFixtureHolder>
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly PortfolioFixture _fx;

    public PortfolioBrowserTests(PortfolioFixtureHolder holder) => _fx = holder.Fixture;

    /// <summary>Where the screenshot is written (beside the test assembly).</summary>
    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "browser", "portfolio.png");

    [Fact]
    public async Task Portfolio_SliderDragsOverlayToggles_NoConsoleErrorsNoNetwork()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} missing: bash .ci/run installs Debian's chromium.");
        var doc = PortfolioBuilder.Build(_fx.History(), PortfolioAudience.Internal, new DateOnly(2024, 6, 1), "test");
        var (htmlPath, _) = PortfolioFiles.Write(doc, Path.Combine(_fx.Folder, "portfolio"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var problems = new List<string>();
        var requests = new List<string>();
        page.Console += (_, msg) =>
        {
            if (msg.Type is "error" or "warning")
            {
                problems.Add($"console {msg.Type}: {msg.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Request += (_, request) =>
        {
            // The page itself is a file:// navigation; data: images are not network requests.
            if (!request.Url.StartsWith("file://", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                requests.Add(request.Url);
            }
        };

        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri);
        var compare = page.Locator("#view-front .compare");
        Assert.Equal("50", await compare.GetAttributeAsync("data-pos"));

        // Drag the divider from the middle to 20 % of the width.
        var box = (await compare.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.5f), box.Y + (box.Height * 0.5f));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.35f), box.Y + (box.Height * 0.5f), new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.2f), box.Y + (box.Height * 0.5f), new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        double pos = double.Parse((await compare.GetAttributeAsync("data-pos"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pos, 19, 21);
        // The AFTER image is now revealed from 20 % on: its clip starts where the handle is.
        string clip = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#view-front .after-clip')).clipPath");
        Assert.Contains("inset(0px 0px 0px 2", clip, StringComparison.Ordinal);
        var handleBox = (await page.Locator("#view-front .handle").BoundingBoxAsync())!;
        Assert.InRange(handleBox.X - box.X, (box.Width * 0.2) - 3, (box.Width * 0.2) + 3);

        // Toggle the density heatmap overlay on.
        var heat = page.Locator("#view-front g.layer-heatmap");
        Assert.False(await heat.IsVisibleAsync());
        await page.Locator("#view-front input[data-layer=heatmap]").CheckAsync();
        Assert.True(await heat.IsVisibleAsync());
        Assert.True(await page.Locator("#view-front g.layer-heatmap rect").CountAsync() > 10);

        // The charts and the hash table rendered.
        Assert.Equal(6, await page.Locator("svg.chart").CountAsync()); // coverage, density, spacing × 2 views
        Assert.Equal(_fx.Photos.Count, await page.Locator("#hashes td code").CountAsync());
        Assert.Equal(PortfolioFixture.NastyName, await page.Locator("#client").InnerTextAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === 1"));

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = false });
        Assert.True(new FileInfo(ScreenshotPath).Length > 10_000);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(requests.Count == 0, "network requests: " + string.Join(", ", requests));
    }
}
