using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Dots;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Jpeg.Encoder;

namespace ProgressVision.Cli.Compare;

/// <summary>
/// Writes a comparison's outputs all-or-nothing (see <see cref="AtomicOutputDirectory"/>);
/// <c>result.json</c> is the marker of a complete output.
/// </summary>
public static class CompareOutputWriter
{
    /// <summary>Name of the result file; its presence marks a directory as a compare output.</summary>
    public const string ResultFile = "result.json";

    /// <summary>Writes the outputs of <paramref name="analysis"/> to <paramref name="outDir"/>.</summary>
    /// <exception cref="CliException">The output directory exists and is not an earlier compare output.</exception>
    public static void Write(PairAnalysis analysis, string outDir) =>
        AtomicOutputDirectory.Write(outDir, ResultFile, "compare", temp => WriteConcurrently(
        [
            () => File.WriteAllText(Path.Combine(temp, "dots-before.csv"), DotsCsv(analysis.BeforeMeasurement.Dots)),
            () => File.WriteAllText(Path.Combine(temp, "dots-after.csv"), DotsCsv(analysis.AfterMeasurement.Dots)),
            () => Jpeg(analysis.AfterOnBefore, Path.Combine(temp, "after-on-before.jpg")),
            () => DrawAndWrite(() => ComparePictures.Checkerboard(analysis), Path.Combine(temp, "checkerboard.jpg")),
            () => DrawAndWrite(() => ComparePictures.Heatmap(analysis), Path.Combine(temp, "heatmap.jpg")),
            () => DrawAndWrite(() => ComparePictures.DotChange(analysis), Path.Combine(temp, "dot-change.jpg")),
        ]),
        marker => File.WriteAllText(marker, JsonSerializer.Serialize(analysis.Result, CompareResultJsonContext.Default.CompareResult)));

    /// <summary>CSV of dots: header <c>x,y,radius,contrast</c>, invariant culture, 3 decimals.</summary>
    public static string DotsCsv(IEnumerable<PigmentDot> dots)
    {
        var sb = new StringBuilder("x,y,radius,contrast\n");
        foreach (var d in dots)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{d.X:0.###},{d.Y:0.###},{d.Radius:0.###},{d.Contrast:0.####}\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// Runs the independent writes two at a time: each JPEG encode spreads its DCT over the cores but
    /// draws its picture, entropy-codes and writes the file on one thread, so a second write fills the
    /// idle core (about 400 ms of a 12 MP compare were spent writing one picture after another). Two,
    /// not all six, so at most two extra 12 MP pictures and their coefficient stores are alive at once.
    /// The first failure is rethrown as itself so callers see the same exception as a sequential write.
    /// </summary>
    internal static void WriteConcurrently(Action[] writes)
    {
        try
        {
            // NoBuffering: one write per take, so a slow JPEG does not hold a queue of others behind it.
            Parallel.ForEach(Partitioner.Create(writes, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = 2 }, w => w());
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    internal static void DrawAndWrite(Func<PixelBuffer<byte>> draw, string path)
    {
        using var picture = draw();
        Jpeg(picture, path);
    }

    // Pictures are JPEG (no metadata is written: no EXIF, no GPS).
    internal static void Jpeg(PixelBuffer<byte> img, string path) =>
        JpegEncoder.EncodeFile(img, path, new JpegEncoderOptions { Quality = 88 });
}
