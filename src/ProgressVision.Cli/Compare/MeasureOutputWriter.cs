using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Metrics;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Drawing;

namespace ProgressVision.Cli.Compare;

/// <summary>
/// Writes a single-photo measurement all-or-nothing (see <see cref="AtomicOutputDirectory"/>):
/// <c>dots.csv</c> (same format as compare's), <c>heatmap.jpg</c>, <c>dots.jpg</c>, and
/// <c>measure.json</c> last, the marker of a complete output.
/// </summary>
public static class MeasureOutputWriter
{
    /// <summary>Name of the result file; its presence marks a directory as a measure output.</summary>
    public const string ResultFile = "measure.json";

    /// <summary>Writes the outputs of one measured photo to <paramref name="outDir"/>.</summary>
    /// <exception cref="CliException">The output directory exists and is not an earlier measure output.</exception>
    public static void Write(MeasureResult result, PixelBuffer<byte> photo, PhotoMeasurement measurement, string outDir) =>
        AtomicOutputDirectory.Write(outDir, ResultFile, "measure", temp => CompareOutputWriter.WriteConcurrently(
        [
            () => File.WriteAllText(Path.Combine(temp, "dots.csv"), CompareOutputWriter.DotsCsv(measurement.Dots)),
            () => CompareOutputWriter.DrawAndWrite(() => ComparePictures.Heatmap(photo, measurement, result.Photo.Gaps), Path.Combine(temp, "heatmap.jpg")),
            () => CompareOutputWriter.DrawAndWrite(() => Dots(photo, measurement), Path.Combine(temp, "dots.jpg")),
        ]),
        marker => File.WriteAllText(marker, JsonSerializer.Serialize(result, MeasureResultJsonContext.Default.MeasureResult)));

    // Every detected dot circled: green where it counts (inside the treated area), grey elsewhere, so a
    // practitioner can check both what was found and which area the figures are about.
    private static PixelBuffer<byte> Dots(PixelBuffer<byte> photo, PhotoMeasurement m)
    {
        var img = photo.Clone();
        var canvas = new Rgb24Canvas(img);
        foreach (var d in m.Dots)
        {
            bool counted = m.Area.Counts(d);
            canvas.Circle(d.X, d.Y, d.Radius + 2, counted ? (byte)40 : (byte)170, counted ? (byte)210 : (byte)170, counted ? (byte)60 : (byte)170, 0.9f);
        }

        return img;
    }
}
