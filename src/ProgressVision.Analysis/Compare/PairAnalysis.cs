using ProgressVision.Analysis.Change;
using ProgressVision.Analysis.Metrics;
using ProgressVision.Analysis.Registration;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Compare;

/// <summary>
/// Everything one comparison produced, including the intermediate images the outputs are drawn from.
/// Dispose to return the image buffers.
/// </summary>
public sealed class PairAnalysis : IDisposable
{
    internal PairAnalysis(CompareResult result, PixelBuffer<byte> before, PixelBuffer<byte> after, PixelBuffer<byte> afterOnBefore, PixelBuffer<byte> valid,
        Alignment alignment, PhotoMeasurement beforeMeasure, PhotoMeasurement afterMeasure, DotChangeAnalysis.DotChangeResult change)
    {
        Result = result;
        Before = before;
        After = after;
        AfterOnBefore = afterOnBefore;
        Valid = valid;
        Alignment = alignment;
        BeforeMeasurement = beforeMeasure;
        AfterMeasurement = afterMeasure;
        Change = change;
    }

    /// <summary>The measurements (result.json).</summary>
    public CompareResult Result { get; }

    /// <summary>BEFORE photo, RGB, EXIF orientation applied.</summary>
    public PixelBuffer<byte> Before { get; }

    /// <summary>AFTER photo, RGB, EXIF orientation applied.</summary>
    public PixelBuffer<byte> After { get; }

    /// <summary>AFTER warped onto BEFORE (BEFORE size).</summary>
    public PixelBuffer<byte> AfterOnBefore { get; }

    /// <summary>255 where <see cref="AfterOnBefore"/> has data.</summary>
    public PixelBuffer<byte> Valid { get; }

    /// <summary>How AFTER maps onto BEFORE.</summary>
    public Alignment Alignment { get; }

    /// <summary>Dots, masks and metrics of BEFORE.</summary>
    public PhotoMeasurement BeforeMeasurement { get; }

    /// <summary>Dots, masks and metrics of AFTER.</summary>
    public PhotoMeasurement AfterMeasurement { get; }

    /// <summary>Dot-to-dot change (positions in BEFORE pixels).</summary>
    public DotChangeAnalysis.DotChangeResult Change { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Before.Dispose();
        After.Dispose();
        AfterOnBefore.Dispose();
        Valid.Dispose();
        BeforeMeasurement.Dispose();
        AfterMeasurement.Dispose();
    }
}
