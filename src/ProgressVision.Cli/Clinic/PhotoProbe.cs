using ProgressVision.Reports.Images;
using ProgressVision.Store;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Clinic;

/// <summary>
/// Decodes each photo before it is imported, so a file that is not a readable image is refused
/// up front (nothing stored), and records its size and EXIF capture date.
/// </summary>
public static class PhotoProbe
{
    /// <summary>Parses <c>VIEW=PATH</c> and decodes the file.</summary>
    /// <param name="viewEqualsPath">The <c>--photo</c> argument.</param>
    /// <param name="mmPerPx">The photo's scale, when known.</param>
    /// <exception cref="CliException">Malformed argument.</exception>
    public static PhotoImport Read(string viewEqualsPath, double? mmPerPx = null)
    {
        int eq = viewEqualsPath.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == viewEqualsPath.Length - 1)
        {
            throw new CliException(ExitCodes.Usage, $"--photo '{viewEqualsPath}': expected VIEW=PATH, e.g. front=IMG_0012.jpg.");
        }

        var view = PhotoView.Parse(viewEqualsPath[..eq]);
        string path = viewEqualsPath[(eq + 1)..];
        if (!File.Exists(path))
        {
            throw new StoreException(StoreProblem.MissingFile, $"{path}: photo file not found.");
        }

        using var pixels = PhotoPixels.Load(path);
        return new PhotoImport(view, path, new PhotoFacts(pixels.Rgb.Width, pixels.Rgb.Height, pixels.CaptureDate), mmPerPx);
    }
}
