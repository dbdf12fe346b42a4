using System.Text;
using static ProgressVision.Reports.Portfolio.HtmlText;

namespace ProgressVision.Reports.Portfolio;

/// <summary>A small inline SVG line chart of one measure across sessions.</summary>
internal static class SvgChart
{
    private const int W = 260, H = 130, Left = 44, Right = 10, Top = 22, Bottom = 26;

    /// <summary>Renders the chart; points with no value are skipped.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="points">(session number, value).</param>
    /// <param name="format">Formats a value for axis and tooltip.</param>
    /// <param name="cssClass">Extra class (selects the line colour).</param>
    public static string Render(string title, IReadOnlyList<(int Session, double? Value)> points, Func<double, string> format, string cssClass)
    {
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart {E(cssClass)}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{E(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append($"<text class=\"chart-title\" x=\"{Left}\" y=\"14\">{E(title)}</text>");
        var known = points.Where(p => p.Value is not null).Select(p => (p.Session, Value: p.Value!.Value)).ToList();
        if (known.Count == 0)
        {
            sb.Append($"<text x=\"{Left}\" y=\"{H / 2}\" class=\"chart-empty\">not measured yet</text></svg>");
            return sb.ToString();
        }

        double lo = Math.Min(0, known.Min(p => p.Value)), hi = known.Max(p => p.Value);
        if (hi <= lo)
        {
            hi = lo + 1;
        }

        int first = points.Min(p => p.Session), last = points.Max(p => p.Session);
        double X(int s) => last == first ? Left + ((W - Left - Right) / 2.0) : Left + ((s - first) * (W - Left - Right) / (double)(last - first));
        double Y(double v) => Top + ((hi - v) * (H - Top - Bottom) / (hi - lo));

        sb.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{H - Bottom}\" x2=\"{W - Right}\" y2=\"{H - Bottom}\"/>");
        sb.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{H - Bottom}\"/>");
        sb.Append($"<text class=\"tick\" x=\"{Left - 4}\" y=\"{N(Y(hi) + 4)}\" text-anchor=\"end\">{E(format(hi))}</text>");
        sb.Append($"<text class=\"tick\" x=\"{Left - 4}\" y=\"{N(Y(lo) + 4)}\" text-anchor=\"end\">{E(format(lo))}</text>");
        foreach (var (s, _) in points)
        {
            sb.Append($"<text class=\"tick\" x=\"{N(X(s))}\" y=\"{H - 8}\" text-anchor=\"middle\">S{s}</text>");
        }

        sb.Append("<polyline class=\"series\" fill=\"none\" points=\"");
        sb.AppendJoin(' ', known.Select(p => $"{N(X(p.Session))},{N(Y(p.Value))}"));
        sb.Append("\"/>");
        foreach (var (s, v) in known)
        {
            sb.Append($"<circle class=\"dot\" cx=\"{N(X(s))}\" cy=\"{N(Y(v))}\" r=\"3.5\"><title>session {s}: {E(format(v))}</title></circle>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }
}
