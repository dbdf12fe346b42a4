using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Color;
using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Scene;

namespace ProgressVision.Synth.Truth;

/// <summary>
/// Which redness regions a photo really shows. The generator fades erythema with the days between work and photo,
/// so some regions are rendered with an a* rise far below what an eye (or any measurement) can tell from skin;
/// labelling those "redness" would ask the healing model and the tests to find the invisible. A redness region
/// is labelled only when its rendered a* rise reaches <see cref="TruthDefinitions.MinVisibleRednessDeltaA"/>;
/// fainter ones stay in the pixels (healed skin may keep a trace) but are healthy in the masks.
/// </summary>
internal static class RednessVisibility
{
    /// <summary>
    /// Rendered a* rise of each of <paramref name="state"/>'s healing regions (NaN for non-redness): mean CIELAB
    /// a* of the region's redness-labelled treated visible scalp minus that of the healthy treated visible scalp,
    /// each over its own brighter half (L* at or above that population's median): pigment dots, hair and shadows
    /// are darker than skin and would dilute both means. The halves are taken per population, not over the whole
    /// scalp, because erythema itself darkens skin (it takes green and blue away): a strong patch can sit wholly
    /// below the scalp's median L* and would read as no rise at all. 0 when the photo shows no pixel of the region.
    /// </summary>
    public static double[] Measure(PixelBuffer<byte> rgb, PhotoMasks masks, SessionState state, PhotoProjection projection)
    {
        var regions = state.Healing;
        var rise = regions.Select(r => r.Kind == HealingKind.Redness ? 0.0 : double.NaN).ToArray();
        if (!regions.Any(r => r.Kind == HealingKind.Redness))
        {
            return rise;
        }

        using var lab = ColorConversion.RgbToLab(rgb, Environment.ProcessorCount);
        int w = rgb.Width, h = rgb.Height;
        // (L*, a*) of every treated visible pixel by population: healthy, then each redness region.
        var healthy = new List<(float L, float A)>();
        var inRegion = regions.Select(_ => new List<(float L, float A)>()).ToArray();
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (!masks.IsTreatedVisible(x, y))
                {
                    continue;
                }

                byte k = masks.Healing[x, y];
                if (k == 0)
                {
                    healthy.Add((lab[x, y, 0], lab[x, y, 1]));
                }
                else if (k == (byte)HealingKind.Redness)
                {
                    var (wx, wy) = projection.ImageToWorldPoint(x, y);
                    for (int i = 0; i < regions.Count; i++)
                    {
                        if (regions[i].Kind == HealingKind.Redness && regions[i].Region.Contains(wx, wy))
                        {
                            inRegion[i].Add((lab[x, y, 0], lab[x, y, 1]));
                        }
                    }
                }
            }
        }

        if (healthy.Count == 0)
        {
            return rise;
        }

        double reference = BrightHalfMeanA(healthy);
        for (int i = 0; i < regions.Count; i++)
        {
            if (regions[i].Kind == HealingKind.Redness && inRegion[i].Count > 0)
            {
                rise[i] = BrightHalfMeanA(inRegion[i]) - reference;
            }
        }

        return rise;
    }

    // Mean a* of the pixels whose L* is at or above the population's median (the upper half by lightness).
    private static double BrightHalfMeanA(List<(float L, float A)> pixels)
    {
        pixels.Sort((p, q) => p.L.CompareTo(q.L));
        float median = pixels[pixels.Count / 2].L;
        double sum = 0;
        int n = 0;
        foreach (var (l, a) in pixels)
        {
            if (l >= median)
            {
                sum += a;
                n++;
            }
        }

        return sum / n;
    }

    /// <summary>
    /// Relabels as healthy the redness pixels that no visible redness region covers (fade and blowout labels
    /// are untouched: they take priority over redness and are not a matter of colour).
    /// </summary>
    public static void UnlabelInvisible(PhotoMasks masks, SessionState state, PhotoProjection projection, double[] rise)
    {
        var visible = state.Healing.Where((r, i) => r.Kind == HealingKind.Redness && rise[i] >= TruthDefinitions.MinVisibleRednessDeltaA).ToList();
        if (visible.Count == state.Healing.Count(r => r.Kind == HealingKind.Redness))
        {
            return;
        }

        var healing = masks.Healing;
        Parallel.For(0, healing.Height, y =>
        {
            var row = healing.Row(y);
            for (int x = 0; x < row.Length; x++)
            {
                if (row[x] == (byte)HealingKind.Redness)
                {
                    var (wx, wy) = projection.ImageToWorldPoint(x, y);
                    row[x] = visible.Any(r => r.Region.Contains(wx, wy)) ? (byte)HealingKind.Redness : (byte)0;
                }
            }
        });
    }
}
