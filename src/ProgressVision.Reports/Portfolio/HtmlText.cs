using System.Globalization;
using System.Net;

namespace ProgressVision.Reports.Portfolio;

/// <summary>Escaping and number formatting for generated HTML/SVG.</summary>
internal static class HtmlText
{
    /// <summary>Escapes text for element content and double-quoted attributes (&amp; &lt; &gt; &quot; &#39;).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Invariant number for SVG/CSS (never a decimal comma).</summary>
    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Percentage, one decimal.</summary>
    public static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Plain number with the given format, or a dash.</summary>
    public static string F(double? v, string format = "0.0") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>ISO date.</summary>
    public static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
