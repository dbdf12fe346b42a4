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
    /// both over the brighter half of that scalp (pigment dots, hair and shadows are darker than skin and would
    /// dilute it). 0 when the photo shows no bright pixel of the region.
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
        var ls = new List<float>();
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (masks.IsTreatedVisible(x, y))
                {
                    ls.Add(lab[x, y, 0]);
                }
            }
        }

        if (ls.Count == 0)
        {
            return rise;
        }

        ls.Sort();
        float median = ls[ls.Count / 2];
        double healthy = 0;
        int nHealthy = 0;
        var sum = new double[regions.Count];
        var count = new int[regions.Count];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (!masks.IsTreatedVisible(x, y) || lab[x, y, 0] < median)
                {
                    continue;
                }

                byte k = masks.Healing[x, y];
                if (k == 0)
                {
                    healthy += lab[x, y, 1];
                    nHealthy++;
                }
                else if (k == (byte)HealingKind.Redness)
                {
                    var (wx, wy) = projection.ImageToWorldPoint(x, y);
                    for (int i = 0; i < regions.Count; i++)
                    {
                        if (regions[i].Kind == HealingKind.Redness && regions[i].Region.Contains(wx, wy))
                        {
                            sum[i] += lab[x, y, 1];
                            count[i]++;
                        }
                    }
                }
            }
        }

        if (nHealthy == 0)
        {
            return rise;
        }

        double reference = healthy / nHealthy;
        for (int i = 0; i < regions.Count; i++)
        {
            if (regions[i].Kind == HealingKind.Redness && count[i] > 0)
            {
                rise[i] = (sum[i] / count[i]) - reference;
            }
        }

        return rise;
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
