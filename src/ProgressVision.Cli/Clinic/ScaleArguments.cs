using System.Globalization;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Clinic;

/// <summary>
/// Parses <c>session add --mm-per-px</c>: either one number for every photo of the session (same
/// camera distance) or <c>VIEW=NUMBER</c> per view; a per-view value wins over the session-wide one.
/// </summary>
public static class ScaleArguments
{
    /// <summary>Scale per view name; the empty key holds the session-wide value.</summary>
    /// <exception cref="CliException">Malformed or implausible value, or a view given twice.</exception>
    public static IReadOnlyDictionary<string, double> Parse(IEnumerable<string> values)
    {
        var scales = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string raw in values)
        {
            int eq = raw.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? "" : PhotoView.Parse(raw[..eq]).Name;
            string number = eq < 0 ? raw : raw[(eq + 1)..];
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double mm) || !PhotoScale.IsPlausible(mm))
            {
                throw new CliException(ExitCodes.Usage, $"--mm-per-px '{raw}': {PhotoScale.Range}, e.g. 0.05 or top=0.05.");
            }

            if (!scales.TryAdd(key, mm))
            {
                throw new CliException(ExitCodes.Usage, $"--mm-per-px '{raw}': {(key.Length == 0 ? "the session-wide scale" : "view " + key)} is given twice.");
            }
        }

        return scales;
    }

    /// <summary>
    /// The one <c>--mm-per-px</c> of a single-photo or single-pair command (<c>compare</c>, <c>measure</c>),
    /// checked by the store's own plausibility range; null stays null (no scale given).
    /// </summary>
    /// <exception cref="CliException">An implausible value.</exception>
    public static double? Single(double? mmPerPx) =>
        mmPerPx is double s && !PhotoScale.IsPlausible(s)
            ? throw new CliException(ExitCodes.Usage, $"--mm-per-px {s.ToString(CultureInfo.InvariantCulture)} is not a plausible scale (0 < mm/px < 10)")
            : mmPerPx;

    /// <summary>The scale for <paramref name="view"/>: its own, else the session-wide one, else null.</summary>
    public static double? For(IReadOnlyDictionary<string, double> scales, PhotoView view) =>
        scales.TryGetValue(view.Name, out double own) ? own : scales.TryGetValue("", out double all) ? all : null;
}
