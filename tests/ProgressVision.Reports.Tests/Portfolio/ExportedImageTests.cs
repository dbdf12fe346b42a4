using ProgressVision.Analysis.Compare;
using System.Text.RegularExpressions;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Reports.Images;
using ProgressVision.Reports.Portfolio;

namespace ProgressVision.Reports.Tests.Portfolio;

public sealed class ExportedImageTests : IClassFixture<PortfolioFixtureHolder>
{
    private readonly PortfolioFixture _fx;

    public ExportedImageTests(PortfolioFixtureHolder holder) => _fx = holder.Fixture;

    [Fact]
    public void PortfolioImages_CarryNoExif_ThoughTheOriginalsHaveGps()
    {
        // The originals really do carry GPS (checked with PIL), so the test can fail.
        string gps = PortfolioFixture.Python("-c", "import sys; from PIL import Image; print(len(Image.open(sys.argv[1]).getexif().get_ifd(0x8825)))", _fx.PathOf(_fx.Photos[0])).Trim();
        Assert.Equal("4", gps);

        string html = HtmlPortfolioWriter.Render(PortfolioBuilder.Build(_fx.History(), PortfolioAudience.Internal, new DateOnly(2024, 6, 1), "test"));
        var images = Regex.Matches(html, "data:image/jpeg;base64,([A-Za-z0-9+/=]+)").Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        Assert.Equal(4, images.Count); // before + aligned after, two views
        foreach (var jpeg in images)
        {
            string file = Path.Combine(_fx.Folder, $"exported-{Guid.NewGuid():N}.jpg");
            File.WriteAllBytes(file, jpeg);
            // PIL: no EXIF at all, and no APPn segment other than JFIF (APP0).
            string report = PortfolioFixture.Python("-c", """
                import sys
                from PIL import Image
                im = Image.open(sys.argv[1]); im.load()
                data = open(sys.argv[1], 'rb').read()
                apps = sorted({hex(data[i + 1]) for i in range(len(data) - 1) if data[i] == 0xFF and 0xE1 <= data[i + 1] <= 0xEF})
                print(len(im.getexif()), 'exif' in im.info, apps, im.size)
                """, file).Trim();
            Assert.Equal("0 False [] (320, 240)", report);
        }
    }

    [Fact]
    public void AlignToBefore_ReproducesTheBeforeFrame_ForAKnownShift()
    {
        // Truth from numpy: AFTER = BEFORE shifted so that BEFORE(x, y) = AFTER(x - 6, y - 4).
        string raw = Path.Combine(_fx.Folder, "shift.bin");
        PortfolioFixture.Python("-c", """
            import sys, numpy as np
            rng = np.random.RandomState(3)
            before = (rng.rand(60, 80, 3) * 255).astype(np.uint8)
            after = np.zeros_like(before)
            after[:60 - 4, :80 - 6] = before[4:, 6:]
            open(sys.argv[1], 'wb').write(before.tobytes() + after.tobytes())
            """, raw);
        byte[] bytes = File.ReadAllBytes(raw);
        using var before = new PixelBuffer<byte>(80, 60, 3);
        using var after = new PixelBuffer<byte>(80, 60, 3);
        bytes.AsSpan(0, before.Length).CopyTo(before.Span);
        bytes.AsSpan(before.Length).CopyTo(after.Span);

        // AFTER → BEFORE is a translation by (+6, +4).
        using var aligned = Resample.AlignToBefore(after, ReportedMapping.FromHomography([1, 0, 6, 0, 1, 4, 0, 0, 1]), 80, 60);
        for (int y = 4; y < 59; y++)
        {
            for (int x = 6; x < 79; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(before[x, y, c], aligned[x, y, c]);
                }
            }
        }

        Assert.Equal(40, aligned[0, 0, 0]); // outside AFTER: dark grey
    }

    [Fact]
    public void AlignToBefore_FollowsTheWarpGrid_WhereTheHomographyAloneIsOff()
    {
        // AFTER→BEFORE: a shift plus a bend of up to 8 px (a curved scalp); the result's warp grid holds
        // it at nodes every 8 px. AFTER shows a smooth pattern P at BEFORE coordinates, so the aligned
        // picture must reproduce P(x, y) at every BEFORE pixel it covers.
        const int w = 160, h = 120;
        static (double X, double Y) Bend(double x, double y) => (x + 5 + (8 * Math.Pow((y - 60) / 60, 2)), y + 3);
        static double P(double x, double y) => 128 + (100 * Math.Sin(x / 6.0) * Math.Cos(y / 7.0));
        using var after = new PixelBuffer<byte>(w, h, 3);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                var (bx, by) = Bend(x, y);
                for (int c = 0; c < 3; c++)
                {
                    after[x, y, c] = (byte)Math.Round(P(bx, by));
                }
            }
        }

        const int step = 8, cols = 21, rows = 16;
        var xs = new double?[cols * rows];
        var ys = new double?[cols * rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                (xs[(r * cols) + c], ys[(r * cols) + c]) = Bend(c * step, r * step);
            }
        }

        double[] shift = [1, 0, 5, 0, 1, 3, 0, 0, 1];
        var report = new AlignmentReport { Homography = shift, Inliers = 40, ResidualPx = 0.3, WarpGrid = new WarpGrid(step, cols, rows, xs, ys) };
        using var withGrid = Resample.AlignToBefore(after, ReportedMapping.From(report), w, h);
        using var homographyOnly = Resample.AlignToBefore(after, ReportedMapping.FromHomography(shift), w, h);
        double worstGrid = 0, worstHomography = 0;
        for (int y = 10; y < h - 10; y++)
        {
            for (int x = 20; x < w - 20; x++)
            {
                worstGrid = Math.Max(worstGrid, Math.Abs(withGrid[x, y, 1] - P(x, y)));
                worstHomography = Math.Max(worstHomography, Math.Abs(homographyOnly[x, y, 1] - P(x, y)));
            }
        }

        // The pattern's wavelength is 2π·6 ≈ 38 px, so bilinear resampling and byte rounding cost a level
        // or two; the bend (up to 8 px, a phase error of up to 8/6 rad) mis-places the homography-only
        // picture by tens of levels.
        Assert.True(worstGrid < 4, $"warp-grid picture off the truth by {worstGrid:0.0} levels");
        Assert.True(worstHomography > 60, $"homography-only picture should be visibly off ({worstHomography:0.0} levels)");
    }

    [Fact]
    public void AreaDownscale_MatchesTheMeanOfEachBlock()
    {
        using var src = new PixelBuffer<byte>(8, 4, 3);
        var rng = new Random(5);
        rng.NextBytes(src.Span);
        using var small = Resample.AreaDownscale(src, 4, 2);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double mean = (src[2 * x, 2 * y, c] + src[(2 * x) + 1, 2 * y, c] + src[2 * x, (2 * y) + 1, c] + src[(2 * x) + 1, (2 * y) + 1, c]) / 4.0;
                    Assert.Equal((int)Math.Round(mean), small[x, y, c]);
                }
            }
        }
    }
}
