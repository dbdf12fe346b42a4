using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Cases;

/// <summary>A rendered case: BEFORE and AFTER photos with all truth. Dispose to return the buffers.</summary>
public sealed class SynthPair : IDisposable
{
    internal SynthPair(SynthCase source, RenderedPhoto before, RenderedPhoto after)
    {
        Case = source;
        Before = before;
        After = after;
        var pair = PairTruthBuilder.Build(before, after);
        Truth = new CaseTruth
        {
            Name = source.Name,
            Seed = source.Seed,
            Preset = source.Preset.ToString().ToLowerInvariant(),
            Before = before.Truth,
            After = after.Truth,
            Pair = pair,
        };
    }

    /// <summary>The case this was rendered from.</summary>
    public SynthCase Case { get; }

    /// <summary>BEFORE photo.</summary>
    public RenderedPhoto Before { get; }

    /// <summary>AFTER photo.</summary>
    public RenderedPhoto After { get; }

    /// <summary>Serialisable truth.</summary>
    public CaseTruth Truth { get; }

    /// <summary>Exact BEFORE pixel position of AFTER pixel (x, y) (through the scalp plane; defined everywhere).</summary>
    public (double X, double Y) MapAfterToBefore(double x, double y) => PairTruthBuilder.MapAfterToBefore(Before, After, x, y);

    /// <summary>Exact AFTER pixel position of BEFORE pixel (x, y).</summary>
    public (double X, double Y) MapBeforeToAfter(double x, double y)
    {
        var (wx, wy) = Before.Projection.ImageToWorldPoint(x, y);
        return After.Projection.WorldToImagePoint(wx, wy);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Before.Dispose();
        After.Dispose();
    }
}
