using System.Text;
using ProgressVision.Reports.Pdf;

namespace ProgressVision.Reports.Portfolio;

/// <summary>Writes a portfolio's HTML and PDF into a folder, each atomically (temp file, then rename).</summary>
public static class PortfolioFiles
{
    /// <summary>File name of the HTML page.</summary>
    public const string HtmlName = "portfolio.html";

    /// <summary>File name of the PDF.</summary>
    public const string PdfName = "portfolio.pdf";

    /// <summary>Writes both files; returns their full paths.</summary>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public static (string Html, string Pdf) Write(PortfolioDocument doc, string folder)
    {
        Directory.CreateDirectory(folder);
        string html = Path.GetFullPath(Path.Combine(folder, HtmlName));
        string pdf = Path.GetFullPath(Path.Combine(folder, PdfName));
        WriteAtomic(html, Encoding.UTF8.GetBytes(HtmlPortfolioWriter.Render(doc)));
        WriteAtomic(pdf, PdfPortfolioWriter.Render(doc));
        return (html, pdf);
    }

    private static void WriteAtomic(string path, byte[] bytes)
    {
        string temp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
