using PdfSharp.Fonts;

namespace ProgressVision.Reports.Pdf;

/// <summary>
/// PDFsharp 6 has no access to system fonts outside Windows, so this resolver finds a Unicode sans
/// font on disk (DejaVu Sans or Liberation Sans on Linux — Debian's fonts-dejavu-core — Arial or
/// Segoe UI on Windows) and embeds it. Every family name resolves to it.
/// </summary>
public sealed class PortfolioFontResolver : IFontResolver
{
    private static readonly Lock Gate = new();
    private static bool _installed;
    private readonly string _regular;
    private readonly string _bold;

    private PortfolioFontResolver(string regular, string bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>Candidate (regular, bold) font files, in order of preference.</summary>
    public static IReadOnlyList<(string Regular, string Bold)> Candidates()
    {
        var list = new List<(string, string)>();
        if (Environment.GetEnvironmentVariable("PROGRESSVISION_FONT") is { Length: > 0 } custom)
        {
            list.Add((custom, Environment.GetEnvironmentVariable("PROGRESSVISION_FONT_BOLD") is { Length: > 0 } b ? b : custom));
        }

        foreach (string root in new[] { "/usr/share/fonts/truetype", "/usr/share/fonts", "/usr/local/share/fonts" })
        {
            list.Add(($"{root}/dejavu/DejaVuSans.ttf", $"{root}/dejavu/DejaVuSans-Bold.ttf"));
            list.Add(($"{root}/liberation/LiberationSans-Regular.ttf", $"{root}/liberation/LiberationSans-Bold.ttf"));
            list.Add(($"{root}/liberation2/LiberationSans-Regular.ttf", $"{root}/liberation2/LiberationSans-Bold.ttf"));
        }

        string windows = Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
        if (windows.Length > 0)
        {
            list.Add((Path.Combine(windows, "arial.ttf"), Path.Combine(windows, "arialbd.ttf")));
            list.Add((Path.Combine(windows, "segoeui.ttf"), Path.Combine(windows, "segoeuib.ttf")));
        }

        list.Add(("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"));
        return list;
    }

    /// <summary>Installs the resolver once per process.</summary>
    /// <exception cref="InvalidOperationException">No usable font file was found (the message lists where it looked).</exception>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            var found = Candidates().FirstOrDefault(c => File.Exists(c.Regular));
            if (found.Regular is null)
            {
                throw new InvalidOperationException(
                    "no font for the PDF portfolio: install DejaVu Sans (Debian: apt-get install fonts-dejavu-core) or set PROGRESSVISION_FONT to a .ttf file. Looked in: " +
                    string.Join(", ", Candidates().Select(c => c.Regular)));
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new PortfolioFontResolver(found.Regular, File.Exists(found.Bold) ? found.Bold : found.Regular);
            }

            _installed = true;
        }
    }

    /// <inheritdoc />
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "pv-bold" : "pv-regular", false, italic);

    /// <inheritdoc />
    public byte[] GetFont(string faceName) => File.ReadAllBytes(faceName == "pv-bold" ? _bold : _regular);
}
