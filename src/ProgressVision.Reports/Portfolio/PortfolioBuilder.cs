using System.Security.Cryptography;
using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging;
using ProgressVision.Reports.History;
using ProgressVision.Reports.Images;

namespace ProgressVision.Reports.Portfolio;

/// <summary>Applies the audience rules to a client's history and prepares the images.</summary>
public static class PortfolioBuilder
{
    /// <summary>Cells across the longer side of the density heatmap.</summary>
    public const int HeatmapCells = 20;

    /// <summary>Builds the document.</summary>
    /// <exception cref="PortfolioConsentException">Public portfolio without public-portfolio consent.</exception>
    /// <exception cref="InvalidImageException">A library photo no longer matches its recorded SHA-256, or cannot be decoded.</exception>
    public static PortfolioDocument Build(ClientHistory history, PortfolioAudience audience, DateOnly asOf, string programVersion)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (audience.RequiredConsent() is { } scope && !history.Consents.Contains(scope))
        {
            throw new PortfolioConsentException(
                $"client #{history.ClientId} has not given {scope} consent; record it first (`progressvision consent grant --client … --scope {scope}`) or choose --audience client.");
        }

        var sessions = history.Sessions.OrderBy(s => s.Number).Select(s => new SessionSummary(s.Number, s.Date, asOf.DayNumber - s.Date.DayNumber,
            audience.ShowsTreatmentDetails() ? s.Practitioner : null, audience.ShowsTreatmentDetails() ? s.Pigment : null,
            audience.ShowsNotes() ? s.Notes : null)).ToList();
        var views = ProgressSummary.Build(history).Select(v => BuildView(v, audience)).ToList();
        var hashes = history.Sessions.OrderBy(s => s.Number).SelectMany(s => s.Photos.Select(p => new PhotoHash(s.Number, p.View, p.Sha256))).ToList();
        return new PortfolioDocument
        {
            Audience = audience,
            ClientLabel = audience.ShowsName() ? history.ClientName : $"Client #{history.ClientId}",
            AsOf = asOf,
            ClientNotes = audience.ShowsNotes() ? history.ClientNotes : null,
            Sessions = sessions,
            Views = views,
            Hashes = hashes,
            ProgramVersion = programVersion,
        };
    }

    private static ViewSection BuildView(ViewProgress v, PortfolioAudience audience)
    {
        var first = v.Points[0];
        var latest = v.Points[^1];
        using var before = LoadVerified(first.Photo);
        var beforeImage = WebImage.From(before.Rgb);
        WebImage? aligned = null, unaligned = null;
        IReadOnlyList<HeatCell> heat = [];
        IReadOnlyList<double[]> gaps = [];
        var pair = v.Overall;
        if (v.Points.Count >= 2)
        {
            using var after = LoadVerified(latest.Photo);
            if (pair is not null)
            {
                // The result's mapping: its warp grid where there is one (it supersedes the homography).
                var mapping = ReportedMapping.From(pair.Result.Alignment);
                using var warped = Resample.AlignToBefore(after.Rgb, mapping, before.Rgb.Width, before.Rgb.Height);
                aligned = WebImage.From(warped);
                heat = Heatmap(pair.AfterDots.Select(d => mapping.AfterToBefore(d.X, d.Y)).ToList(), before.Rgb.Width, before.Rgb.Height);
                gaps = pair.Result.After.Gaps.Select(g => MapPolygon(g.Polygon, mapping)).ToList();
            }
            else
            {
                unaligned = WebImage.From(after.Rgb);
            }
        }

        return new ViewSection
        {
            View = v.View,
            Before = beforeImage,
            AlignedAfter = aligned,
            UnalignedAfter = unaligned,
            BeforeSession = first.Session,
            AfterSession = latest.Session,
            Heatmap = heat,
            Gaps = gaps,
            Flags = audience.ShowsFlags() && pair is not null ? (v.Latest ?? pair).Result.Flags : [],
            PhotoWidth = before.Rgb.Width,
            PhotoHeight = before.Rgb.Height,
            Points = audience.ShowsFlags() ? v.Points : v.Points.Select(p => p with { Flags = [] }).ToList(),
            Recommendation = v.Latest?.Result.Recommendation is { } rec
                // Staff see the recommender's technical reasons (model scores, pixel boxes); clients the plain ones.
                ? rec with { Reasons = audience.ShowsFlags() ? rec.Reasons : rec.ClientReasons ?? [] }
                : null,
            CoverageChange = v.CoverageChange,
        };
    }

    // Checks the library copy still hashes to what was recorded at import before showing it.
    private static PhotoPixels LoadVerified(PhotoEntry photo)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(photo.File);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidImageException(photo.File, $"cannot read the library copy ({ex.Message})", ex);
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (sha != photo.Sha256)
        {
            throw new InvalidImageException(photo.File, $"the library copy changed after import (SHA-256 {sha}, recorded {photo.Sha256}); refusing to publish it");
        }

        return PhotoPixels.Load(photo.File);
    }

    private static double[] MapPolygon(double[] polygon, ReportedMapping mapping)
    {
        var mapped = new double[polygon.Length];
        for (int i = 0; i + 1 < polygon.Length; i += 2)
        {
            (mapped[i], mapped[i + 1]) = mapping.AfterToBefore(polygon[i], polygon[i + 1]);
        }

        return mapped;
    }

    /// <summary>Dot counts on a square grid over the photo, scaled to the densest cell.</summary>
    internal static IReadOnlyList<HeatCell> Heatmap(IReadOnlyList<(double X, double Y)> dots, int width, int height)
    {
        if (dots.Count == 0)
        {
            return [];
        }

        double cell = Math.Max(width, height) / (double)HeatmapCells;
        int cols = (int)Math.Ceiling(width / cell), rows = (int)Math.Ceiling(height / cell);
        var counts = new int[cols * rows];
        foreach (var (x, y) in dots)
        {
            if (x >= 0 && y >= 0 && x < width && y < height)
            {
                counts[((int)(y / cell) * cols) + (int)(x / cell)]++;
            }
        }

        int max = counts.Max();
        var cells = new List<HeatCell>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                int n = counts[(r * cols) + c];
                if (n > 0)
                {
                    cells.Add(new HeatCell(c * cell, r * cell, cell, (double)n / max, n));
                }
            }
        }

        return cells;
    }
}
