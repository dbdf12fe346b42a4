using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using ProgressVision.Reports.History;
using ProgressVision.Reports.Portfolio;

namespace ProgressVision.Reports.Pdf;

/// <summary>
/// The portfolio as a PDF (A4): a cover page with the sessions, one page per view with the before
/// and aligned after photos side by side, the measures, a coverage chart and the recommendation,
/// and a last page with the SHA-256 of every original photo. Same audience rules as the HTML
/// (it renders the same <see cref="PortfolioDocument"/>).
/// </summary>
public static class PdfPortfolioWriter
{
    private const double Margin = 40;

    /// <summary>Renders the PDF.</summary>
    public static byte[] Render(PortfolioDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        PdfLicensing.EnsureChosen();
        PortfolioFontResolver.EnsureInstalled();
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{doc.ClientLabel} — SMP progress portfolio";
        pdf.Info.Creator = $"ProgressVision {doc.ProgramVersion}";
        var fonts = new Fonts();

        var cover = new PageWriter(pdf, fonts);
        cover.Heading(doc.ClientLabel, 22);
        cover.Text($"Scalp micropigmentation progress · prepared {Iso(doc.AsOf)} · {AudienceName(doc.Audience)}", fonts.Small, XBrushes.DimGray);
        cover.Gap(10);
        if (doc.ClientNotes is { Length: > 0 } notes)
        {
            cover.Text("Internal notes: " + notes, fonts.Body);
        }

        cover.Heading("Sessions", 14);
        foreach (var s in doc.Sessions)
        {
            string line = $"Session {s.Number}: {Iso(s.Date)} ({s.DaysSince} days ago)";
            if (s.Practitioner is not null || s.Pigment is not null)
            {
                line += $" — {s.Practitioner} {s.Pigment}".TrimEnd();
            }

            if (s.Notes is not null)
            {
                line += $" — notes: {s.Notes}";
            }

            cover.Text(line, fonts.Body);
        }

        cover.Gap(10);
        cover.Heading("Summary", 14);
        foreach (var v in doc.Views)
        {
            cover.Text($"{v.View}: " + Summary(v), fonts.Body);
        }

        cover.Dispose();
        foreach (var v in doc.Views)
        {
            using var page = new PageWriter(pdf, fonts);
            WriteView(page, doc, v, fonts);
        }

        using (var hashes = new PageWriter(pdf, fonts))
        {
            hashes.Heading("Original photos (SHA-256)", 14);
            hashes.Text("Fingerprints of the original files as imported; any retouching of an original changes its SHA-256.", fonts.Small, XBrushes.DimGray);
            hashes.Gap(6);
            foreach (var h in doc.Hashes)
            {
                hashes.Text($"Session {h.Session} {h.View}: {h.Sha256}", fonts.Small);
            }
        }

        using var ms = new MemoryStream();
        pdf.Save(ms, false);
        return ms.ToArray();
    }

    private static void WriteView(PageWriter page, PortfolioDocument doc, ViewSection v, Fonts fonts)
    {
        page.Heading($"View: {v.View}", 16);
        double w = (page.Width - (2 * Margin) - 10) / 2;
        double h = w * v.Before.Height / v.Before.Width;
        var second = v.AlignedAfter ?? v.UnalignedAfter;
        page.Image(v.Before, Margin, w, h, $"Session {v.BeforeSession}");
        if (second is not null)
        {
            page.Image(second, Margin + w + 10, w, h, $"Session {v.AfterSession}{(v.AlignedAfter is null ? " (unaligned)" : " (aligned)")}");
        }

        page.Advance(h + 18);
        bool flags = doc.Audience.ShowsFlags();
        page.Text("Session   Date         Days   Coverage   Density            Dots    Spacing CV" + (flags ? "   Flags" : ""), fonts.SmallBold);
        foreach (var p in v.Points)
        {
            var m = p.Metrics;
            string row = string.Create(CultureInfo.InvariantCulture,
                $"{p.Session,-9} {Iso(p.Date),-12} {doc.AsOf.DayNumber - p.Date.DayNumber,-6} {(m is null ? "—" : (m.Coverage * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"),-10} {(p.Density is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) + " " + p.DensityUnit : "—"),-18} {(m is null ? "—" : m.DotCount.ToString(CultureInfo.InvariantCulture)),-7} {(m is null ? "—" : m.Uniformity.NnCv.ToString("0.00", CultureInfo.InvariantCulture))}");
            if (flags && p.Flags.Count > 0)
            {
                row += "   " + string.Join(", ", p.Flags.Select(f => f.Type));
            }

            page.Text(row, fonts.Small);
        }

        page.Gap(8);
        page.Chart("Coverage across sessions", v.Points.Select(p => (p.Session, p.Metrics?.Coverage)).ToList());
        page.Gap(8);
        page.Text(Summary(v), fonts.Body);
        if (v.Recommendation is { Reasons.Count: > 0 } r)
        {
            foreach (var reason in r.Reasons)
            {
                page.Text("• " + reason, fonts.Small);
            }
        }

        if (v.Recommendation is { } judged && RecommendationWording.TargetsLine(judged) is { } targets)
        {
            page.Text(targets, fonts.Small);
        }
    }

    private static string Summary(ViewSection v)
    {
        string rec = v.Recommendation is { } r
            ? RecommendationWording.Headline(r).ToLowerInvariant() + $" (confidence {(r.Confidence * 100).ToString("0", CultureInfo.InvariantCulture)}%)"
            : "no recommendation yet";
        string trend = v.CoverageChange is { } dc ? $"coverage {(dc >= 0 ? "+" : "")}{(dc * 100).ToString("0.0", CultureInfo.InvariantCulture)} points since session {v.BeforeSession}; " : "";
        return trend + rec + ".";
    }

    private static string AudienceName(PortfolioAudience a) => a switch
    {
        PortfolioAudience.Internal => "internal — staff only",
        PortfolioAudience.Public => "public",
        _ => "client review",
    };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Fonts
    {
        public XFont Body { get; } = new("PV Sans", 10, XFontStyleEx.Regular);

        public XFont Small { get; } = new("PV Sans", 8, XFontStyleEx.Regular);

        public XFont SmallBold { get; } = new("PV Sans", 8, XFontStyleEx.Bold);

        public XFont Heading(double size) => new("PV Sans", size, XFontStyleEx.Bold);
    }

    // Writes top to bottom on one A4 page; text that would run off the page is clipped to the page.
    private sealed class PageWriter : IDisposable
    {
        private readonly XGraphics _gfx;
        private readonly Fonts _fonts;
        private double _y = Margin;

        public PageWriter(PdfDocument pdf, Fonts fonts)
        {
            var page = pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            Width = page.Width.Point;
            Height = page.Height.Point;
            _gfx = XGraphics.FromPdfPage(page);
            _fonts = fonts;
        }

        public double Width { get; }

        public double Height { get; }

        public void Heading(string text, double size)
        {
            Text(text, _fonts.Heading(size));
            _y += size * 0.3;
        }

        public void Text(string text, XFont font, XBrush? brush = null)
        {
            double lineHeight = font.Size * 1.35;
            double width = Width - (2 * Margin);
            int lines = Math.Max(1, (int)Math.Ceiling(_gfx.MeasureString(text, font).Width / width));
            double height = lines * lineHeight;
            if (_y + height > Height - Margin)
            {
                return;
            }

            new XTextFormatter(_gfx).DrawString(text, font, brush ?? XBrushes.Black, new XRect(Margin, _y, width, height), XStringFormats.TopLeft);
            _y += height;
        }

        public void Gap(double points) => _y += points;

        public void Advance(double points) => _y += points;

        public void Image(Images.WebImage image, double x, double w, double h, string caption)
        {
            using var stream = new MemoryStream(image.Jpeg, writable: false);
            using var xi = XImage.FromStream(stream);
            _gfx.DrawImage(xi, x, _y, w, h);
            _gfx.DrawString(caption, _fonts.Small, XBrushes.DimGray, new XRect(x, _y + h + 2, w, 12), XStringFormats.TopLeft);
        }

        public void Chart(string title, IReadOnlyList<(int Session, double? Value)> points)
        {
            const double ChartHeight = 110;
            double left = Margin + 40, width = 260, top = _y + 16;
            _gfx.DrawString(title, _fonts.SmallBold, XBrushes.Black, new XRect(Margin, _y, 300, 12), XStringFormats.TopLeft);
            var axis = new XPen(XColors.Gray, 0.7);
            _gfx.DrawLine(axis, left, top, left, top + ChartHeight);
            _gfx.DrawLine(axis, left, top + ChartHeight, left + width, top + ChartHeight);
            var known = points.Where(p => p.Value is not null).Select(p => (p.Session, Value: p.Value!.Value)).ToList();
            if (points.Count > 0 && known.Count > 0)
            {
                int first = points.Min(p => p.Session), last = points.Max(p => p.Session);
                double hi = Math.Max(known.Max(p => p.Value), 1e-9);
                double X(int s) => last == first ? left + (width / 2) : left + ((s - first) * width / (last - first));
                double Y(double val) => top + ChartHeight - (val / hi * ChartHeight);
                _gfx.DrawString((hi * 100).ToString("0", CultureInfo.InvariantCulture) + "%", _fonts.Small, XBrushes.DimGray, new XRect(Margin, top - 4, 36, 10), XStringFormats.TopLeft);
                _gfx.DrawString("0%", _fonts.Small, XBrushes.DimGray, new XRect(Margin, top + ChartHeight - 8, 36, 10), XStringFormats.TopLeft);
                var pen = new XPen(XColor.FromArgb(11, 110, 138), 1.6);
                for (int i = 1; i < known.Count; i++)
                {
                    _gfx.DrawLine(pen, X(known[i - 1].Session), Y(known[i - 1].Value), X(known[i].Session), Y(known[i].Value));
                }

                foreach (var (s, val) in known)
                {
                    _gfx.DrawEllipse(new XSolidBrush(XColor.FromArgb(11, 110, 138)), X(s) - 2.5, Y(val) - 2.5, 5, 5);
                }

                foreach (var (s, _) in points)
                {
                    _gfx.DrawString($"S{s}", _fonts.Small, XBrushes.DimGray, new XRect(X(s) - 10, top + ChartHeight + 2, 20, 10), XStringFormats.TopCenter);
                }
            }

            _y = top + ChartHeight + 16;
        }

        public void Dispose() => _gfx.Dispose();
    }
}
