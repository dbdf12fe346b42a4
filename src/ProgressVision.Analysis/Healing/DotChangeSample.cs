using ProgressVision.Analysis.Change;
using ProgressVision.Analysis.Compare;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// One BEFORE dot and what became of it, in BEFORE pixels: the input of the fade and blowout evidence.
/// </summary>
/// <param name="X">Centre x.</param>
/// <param name="Y">Centre y.</param>
/// <param name="Faded">True when it faded or was lost.</param>
/// <param name="ContrastRatio">AFTER contrast / BEFORE contrast (0 when lost).</param>
/// <param name="RadiusRatio">AFTER radius / BEFORE radius, both in BEFORE pixels (NaN when lost).</param>
public readonly record struct DotChangeSample(double X, double Y, bool Faded, double ContrastRatio, double RadiusRatio)
{
    /// <summary>
    /// The contrast ratio under which a matched dot counts as faded (the dot change's fade limit times the pair's
    /// contrast transfer); NaN when unknown. Lets a local change of light (glare) be allowed for in one box.
    /// </summary>
    public double FadedBelow { get; init; } = double.NaN;

    /// <summary>
    /// Ink growth: AFTER contrast × radius² (radius in BEFORE pixels) over the same for BEFORE (NaN when lost). The
    /// dot's integrated darkness: a blur spreads a dot without changing it (centre contrast falls as the radius
    /// grows), fade lowers it, and blowout raises it because the halo adds darkness around the dot (synthetic
    /// blowout dots read 1.6–2.6, unchanged ones 0.8–1.0 on calibration seeds 93000–93047).
    /// </summary>
    public double InkRatio { get; init; } = double.NaN;

    /// <summary>The samples of every earlier (BEFORE) dot of a dot change.</summary>
    /// <param name="entries">Matched, faded and lost dots (new dots are skipped).</param>
    /// <param name="afterToBefore">Maps AFTER pixels to BEFORE pixels.</param>
    /// <param name="fadedBelow">The contrast ratio under which the dot change called a matched dot faded (NaN: unknown).</param>
    public static List<DotChangeSample> From(IEnumerable<DotChangeAnalysis.DotChangeEntry> entries, Func<double, double, (double X, double Y)> afterToBefore, double fadedBelow = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(afterToBefore);
        return entries.Where(e => e.Before is not null).Select(e => new DotChangeSample(
            e.X, e.Y, e.Fate is DotFate.Faded or DotFate.Lost,
            e.After is { } ad ? ad.Contrast / Math.Max(1e-6, e.Before!.Value.Contrast) : 0,
            // Radii are in each photo's own pixels: the AFTER radius is put in BEFORE pixels first, or a photo
            // taken closer would make every dot look grown (and one taken further away hide real blowout).
            e.After is { } ar ? ar.Radius * MappingScale.At(afterToBefore, ar.X, ar.Y) / Math.Max(1e-6, e.Before!.Value.Radius) : double.NaN)
        {
            FadedBelow = fadedBelow,
            InkRatio = e.After is { } ai
                ? ai.Contrast * Square(ai.Radius * MappingScale.At(afterToBefore, ai.X, ai.Y)) / Math.Max(1e-9, e.Before!.Value.Contrast * Square(e.Before.Value.Radius))
                : double.NaN,
        }).ToList();
    }

    private static double Square(double v) => v * v;
}
