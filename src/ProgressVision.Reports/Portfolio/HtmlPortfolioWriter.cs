using System.Globalization;
using System.Text;
using ProgressVision.Reports.History;
using static ProgressVision.Reports.Portfolio.HtmlText;

namespace ProgressVision.Reports.Portfolio;

/// <summary>
/// Writes the portfolio as one self-contained HTML page: images as data: URIs, inline CSS, script
/// and SVG, and a Content-Security-Policy that forbids any network access. Every piece of user
/// text goes through <see cref="HtmlText.E"/>.
/// </summary>
public static class HtmlPortfolioWriter
{
    /// <summary>Renders the page.</summary>
    public static string Render(PortfolioDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var sb = new StringBuilder(1 << 20);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{E(PortfolioAssets.ContentSecurityPolicy)}\">");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\">");
        sb.Append($"<title>{E(doc.ClientLabel)} — SMP progress portfolio</title><style>{PortfolioAssets.Css}</style></head><body>");

        sb.Append("<header>");
        sb.Append($"<h1 id=\"client\">{E(doc.ClientLabel)}</h1>");
        sb.Append($"<div class=\"meta\">Scalp micropigmentation progress · {doc.Sessions.Count} session(s) · prepared {D(doc.AsOf)} <span class=\"badge\" id=\"audience\">{E(AudienceName(doc.Audience))}</span></div>");
        if (doc.ClientNotes is { Length: > 0 } notes)
        {
            sb.Append($"<p class=\"notes\" data-internal=\"notes\"><strong>Internal notes:</strong> {E(notes)}</p>");
        }

        AppendSessions(sb, doc);
        sb.Append("</header><main>");
        foreach (var view in doc.Views)
        {
            AppendView(sb, doc, view);
        }

        AppendHashes(sb, doc);
        sb.Append("</main><footer>");
        sb.Append($"Made with ProgressVision {E(doc.ProgramVersion)}. Photos are re-encoded from the originals' pixels without any metadata; the SHA-256 list lets anyone holding the originals check they were not altered. ");
        sb.Append("Measurements are estimates from photographs and do not replace a practitioner's assessment.</footer>");
        sb.Append($"<script>{PortfolioAssets.Script}</script></body></html>\n");
        return sb.ToString();
    }

    private static string AudienceName(PortfolioAudience a) => a switch
    {
        PortfolioAudience.Internal => "internal — staff only",
        PortfolioAudience.Public => "public",
        _ => "client review",
    };

    private static void AppendSessions(StringBuilder sb, PortfolioDocument doc)
    {
        bool details = doc.Sessions.Any(s => s.Practitioner is not null || s.Pigment is not null);
        bool notes = doc.Sessions.Any(s => s.Notes is not null);
        sb.Append("<table id=\"sessions\"><thead><tr><th>Session</th><th>Date</th><th>Days since</th>");
        if (details)
        {
            sb.Append("<th>Practitioner</th><th>Pigment</th>");
        }

        if (notes)
        {
            sb.Append("<th>Internal notes</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var s in doc.Sessions)
        {
            sb.Append($"<tr><td>{s.Number}</td><td>{D(s.Date)}</td><td>{s.DaysSince.ToString(CultureInfo.InvariantCulture)}</td>");
            if (details)
            {
                sb.Append($"<td>{E(s.Practitioner)}</td><td>{E(s.Pigment)}</td>");
            }

            if (notes)
            {
                sb.Append($"<td class=\"notes\" data-internal=\"notes\">{E(s.Notes)}</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void AppendView(StringBuilder sb, PortfolioDocument doc, ViewSection v)
    {
        string id = "view-" + new string(v.View.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        sb.Append($"<section class=\"view\" id=\"{E(id)}\" data-view=\"{E(v.View)}\"><h2>{E(v.View.Replace("custom:", "", StringComparison.Ordinal))}</h2>");
        var first = doc.Sessions.FirstOrDefault(s => s.Number == v.BeforeSession);
        var last = doc.Sessions.FirstOrDefault(s => s.Number == v.AfterSession);
        if (v.AlignedAfter is { } after)
        {
            sb.Append($"<p class=\"meta\">Before: session {v.BeforeSession} ({(first is null ? "" : D(first.Date))}) · After: session {v.AfterSession} ({(last is null ? "" : D(last.Date))}), aligned to the before photo. Drag across the photo to compare.</p>");
            sb.Append($"<div class=\"compare\" data-swipe style=\"aspect-ratio: {v.Before.Width} / {v.Before.Height}\">");
            sb.Append($"<img class=\"before\" alt=\"{E(v.View)} before, session {v.BeforeSession}\" src=\"{v.Before.DataUri}\">");
            sb.Append($"<div class=\"after-clip\"><img class=\"after\" alt=\"{E(v.View)} after, session {v.AfterSession}\" src=\"{after.DataUri}\"></div>");
            AppendOverlay(sb, v);
            sb.Append($"<span class=\"label before\">Session {v.BeforeSession}</span><span class=\"label after\">Session {v.AfterSession}</span>");
            sb.Append("<div class=\"handle\" role=\"slider\" tabindex=\"0\" aria-label=\"Before/after divider\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"50\"></div></div>");
            sb.Append("<div class=\"controls\"><input class=\"swipe\" type=\"range\" min=\"0\" max=\"100\" step=\"0.1\" value=\"50\" aria-label=\"Before/after divider\">");
            AppendToggle(sb, "heatmap", "Density heatmap", v.Heatmap.Count > 0);
            AppendToggle(sb, "gaps", "Gaps", v.Gaps.Count > 0);
            if (doc.Audience.ShowsFlags())
            {
                AppendToggle(sb, "flags", "Healing flags", v.Flags.Count > 0);
            }

            sb.Append("</div>");
        }
        else if (v.UnalignedAfter is { } raw)
        {
            sb.Append($"<p class=\"meta\">Sessions {v.BeforeSession} and {v.AfterSession}, not yet analysed: shown side by side, unaligned.</p>");
            sb.Append($"<div class=\"side-by-side\"><img alt=\"{E(v.View)} session {v.BeforeSession}\" src=\"{v.Before.DataUri}\"><img alt=\"{E(v.View)} session {v.AfterSession}\" src=\"{raw.DataUri}\"></div>");
        }
        else
        {
            sb.Append($"<p class=\"meta\">Only one session so far (session {v.BeforeSession}).</p>");
            sb.Append($"<div class=\"side-by-side\"><img alt=\"{E(v.View)} session {v.BeforeSession}\" src=\"{v.Before.DataUri}\"></div>");
        }

        AppendMetrics(sb, doc, v);
        AppendCharts(sb, v);
        AppendRecommendation(sb, v);
        sb.Append("</section>");
    }

    private static void AppendToggle(StringBuilder sb, string layer, string label, bool available) =>
        sb.Append($"<label><input type=\"checkbox\" data-layer=\"{layer}\"{(available ? "" : " disabled")}> {E(label)}{(available ? "" : " (none)")}</label>");

    private static void AppendOverlay(StringBuilder sb, ViewSection v)
    {
        sb.Append($"<svg class=\"overlay\" viewBox=\"0 0 {v.PhotoWidth} {v.PhotoHeight}\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append("<g class=\"layer-heatmap\" display=\"none\">");
        foreach (var c in v.Heatmap)
        {
            // Opacity carries the density so the photo stays visible under sparse cells.
            sb.Append($"<rect x=\"{N(c.X)}\" y=\"{N(c.Y)}\" width=\"{N(c.Size)}\" height=\"{N(c.Size)}\" fill-opacity=\"{N(0.1 + (0.55 * c.Level))}\"><title>{c.DotsPerCell} dots</title></rect>");
        }

        sb.Append("</g><g class=\"layer-gaps\" display=\"none\">");
        foreach (var g in v.Gaps)
        {
            sb.Append("<polygon points=\"");
            for (int i = 0; i + 1 < g.Length; i += 2)
            {
                sb.Append(N(g[i])).Append(',').Append(N(g[i + 1])).Append(' ');
            }

            sb.Append("\"/>");
        }

        sb.Append("</g>");
        if (v.Flags.Count > 0)
        {
            sb.Append("<g class=\"layer-flags\" display=\"none\">");
            foreach (var f in v.Flags)
            {
                if (f.Box.Length >= 4)
                {
                    sb.Append($"<rect x=\"{N(f.Box[0])}\" y=\"{N(f.Box[1])}\" width=\"{N(f.Box[2])}\" height=\"{N(f.Box[3])}\"/>");
                    sb.Append($"<text x=\"{N(f.Box[0])}\" y=\"{N(Math.Max(14, f.Box[1] - 4))}\">{E(f.Type)} {N(f.Score)}</text>");
                }
            }

            sb.Append("</g>");
        }

        sb.Append("</svg>");
    }

    private static void AppendMetrics(StringBuilder sb, PortfolioDocument doc, ViewSection v)
    {
        bool flags = doc.Audience.ShowsFlags();
        sb.Append("<table class=\"metrics\"><thead><tr><th>Session</th><th>Date</th><th>Days since</th><th>Coverage</th><th>Density</th><th>Dots</th><th>Spacing CV</th><th>Clark–Evans R</th>");
        sb.Append(flags ? "<th>Healing flags</th></tr></thead><tbody>" : "</tr></thead><tbody>");
        foreach (var p in v.Points)
        {
            var m = p.Metrics;
            sb.Append($"<tr><td>{p.Session}</td><td>{D(p.Date)}</td><td>{(doc.AsOf.DayNumber - p.Date.DayNumber).ToString(CultureInfo.InvariantCulture)}</td>");
            sb.Append($"<td>{Pct(m?.Coverage)}</td><td>{(p.Density is { } d ? $"{F(d)} {E(p.DensityUnit)}" : "—")}</td><td>{(m is null ? "—" : m.DotCount.ToString(CultureInfo.InvariantCulture))}</td>");
            sb.Append($"<td>{F(m?.Uniformity.NnCv, "0.00")}</td><td>{F(m?.Uniformity.ClarkEvansR, "0.00")}</td>");
            if (flags)
            {
                sb.Append($"<td data-internal=\"flags\">{E(string.Join(", ", p.Flags.Select(f => f.Type)))}</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void AppendCharts(StringBuilder sb, ViewSection v)
    {
        string unit = v.Points.FirstOrDefault(p => p.Metrics is not null)?.DensityUnit ?? "";
        sb.Append("<div class=\"charts\">");
        sb.Append(SvgChart.Render("Coverage", v.Points.Select(p => (p.Session, p.Metrics?.Coverage)).ToList(), x => Pct(x), "coverage"));
        sb.Append(SvgChart.Render(unit.Length == 0 ? "Density" : $"Density ({unit})", v.Points.Select(p => (p.Session, p.Density)).ToList(), x => F(x), "density"));
        sb.Append(SvgChart.Render("Spacing CV (lower = even)", v.Points.Select(p => (p.Session, p.Metrics?.Uniformity.NnCv)).ToList(), x => F(x, "0.00"), "uniformity"));
        sb.Append("</div>");
    }

    private static void AppendRecommendation(StringBuilder sb, ViewSection v)
    {
        if (v.Recommendation is not { } r)
        {
            sb.Append("<p class=\"recommendation\">No recommendation yet: needs at least two analysed sessions of this view.</p>");
            return;
        }

        sb.Append($"<div class=\"recommendation{(RecommendationWording.NeedsAttention(r) ? " more" : "")}\"><strong>{E(RecommendationWording.Headline(r))}</strong>");
        sb.Append($" (confidence {(r.Confidence * 100).ToString("0", CultureInfo.InvariantCulture)}%)");
        if (v.CoverageChange is { } dc)
        {
            sb.Append($"; coverage changed by {(dc >= 0 ? "+" : "")}{(dc * 100).ToString("0.0", CultureInfo.InvariantCulture)} points since session {v.BeforeSession}");
        }

        sb.Append('.');
        if (r.Reasons.Count > 0)
        {
            sb.Append("<ul>");
            foreach (var reason in r.Reasons)
            {
                sb.Append($"<li>{E(reason)}</li>");
            }

            sb.Append("</ul>");
        }

        if (RecommendationWording.TargetsLine(r) is { } targets)
        {
            sb.Append($"<p class=\"meta\">{E(targets)}</p>");
        }

        sb.Append("</div>");
    }

    private static void AppendHashes(StringBuilder sb, PortfolioDocument doc)
    {
        sb.Append("<section class=\"hashes\" id=\"hashes\"><h2>Original photos (SHA-256)</h2><p class=\"meta\">Fingerprints of the original files as imported. Compute the SHA-256 of an original (e.g. <code>sha256sum</code>) and compare: any retouching changes it.</p>");
        sb.Append("<table><thead><tr><th>Session</th><th>View</th><th>SHA-256</th></tr></thead><tbody>");
        foreach (var h in doc.Hashes)
        {
            sb.Append($"<tr><td>{h.Session}</td><td>{E(h.View)}</td><td><code>{E(h.Sha256)}</code></td></tr>");
        }

        sb.Append("</tbody></table></section>");
    }
}
