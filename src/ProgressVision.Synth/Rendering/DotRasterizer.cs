using ProgressVision.Imaging.Buffers;
using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Scene;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Rendering;

/// <summary>
/// Draws pigment dots onto a linear reflectance image with S×S supersampling and records the union of
/// visible dots' nominal outlines as a per-pixel sub-sample bit mask (the pigment-fraction truth).
/// </summary>
internal static class DotRasterizer
{
    private const int S = TruthDefinitions.Supersampling;

    public static void Draw(PixelBuffer<float> albedo, ushort[] pigmentBits, IEnumerable<SessionDot> dots, PhotoProjection projection, ulong seed)
    {
        int w = albedo.Width, h = albedo.Height;
        var span = albedo.Span;
        var pigment = SkinPalette.Pigment;
        var haloColour = SkinPalette.BlowoutHalo;
        Span<double> alphas = stackalloc double[S * S];
        foreach (var sd in dots)
        {
            if (!sd.IsPresent)
            {
                continue;
            }

            var g = new DotGeometry(sd, projection, seed);
            double opacity = sd.Dot.Opacity * sd.OpacityFactor;
            bool visible = opacity >= TruthDefinitions.MinVisibleOpacity;
            bool blown = sd.Condition == DotCondition.Blowout;

            // Ink edge: a ramp ~0.05 mm wide centred on the nominal outline (ρ = 1), symmetric so the
            // ink's integrated darkness equals that of the hard outline; blowout edges are softer.
            double edge = Math.Clamp(0.05 * (0.8 + (0.8 * Randomness.SplitMix64.Hash01(seed, sd.Dot.Id, 1, 35))) / sd.RadiusMm, 0.12, 0.6) * (blown ? 2.2 : 1.0);
            double haloRatio = blown && sd.HaloRadiusMm > 0 ? sd.HaloRadiusMm / sd.RadiusMm : 0;
            double extent = (Math.Max(1 + (edge / 2), haloRatio * 1.6) * g.ExtentPx) + 1.5;
            int x0 = Math.Max(0, (int)Math.Floor(g.Cx - extent)), x1 = Math.Min(w - 1, (int)Math.Ceiling(g.Cx + extent));
            int y0 = Math.Max(0, (int)Math.Floor(g.Cy - extent)), y1 = Math.Min(h - 1, (int)Math.Ceiling(g.Cy + extent));
            if (x0 > x1 || y0 > y1)
            {
                continue;
            }

            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    double sum = 0, haloSum = 0;
                    ushort bits = 0;
                    for (int sy = 0, k = 0; sy < S; sy++)
                    {
                        double dy = y + (((sy + 0.5) / S) - 0.5) - g.Cy;
                        for (int sx = 0; sx < S; sx++, k++)
                        {
                            double dx = x + (((sx + 0.5) / S) - 0.5) - g.Cx;
                            double rho = g.Rho(dx, dy);
                            double t = Math.Clamp((1 + (edge / 2) - rho) / edge, 0, 1);
                            sum += t * t * (3 - (2 * t));
                            if (rho <= 1)
                            {
                                bits |= (ushort)(1 << k);
                            }

                            if (haloRatio > 0)
                            {
                                double rh = rho / haloRatio;
                                haloSum += Math.Exp(-2.2 * rh * rh);
                            }
                        }
                    }

                    if (sum == 0 && haloSum == 0)
                    {
                        continue;
                    }

                    int o = ((y * w) + x) * 3;
                    double r = span[o], gg = span[o + 1], b = span[o + 2];
                    if (haloSum > 0)
                    {
                        // Blue-grey scatter of migrated ink, partly taking the skin's colour.
                        double ah = 0.45 * opacity * haloSum / (S * S);
                        r += ah * ((0.6 * haloColour.R) + (0.25 * r) - r);
                        gg += ah * ((0.6 * haloColour.G) + (0.25 * gg) - gg);
                        b += ah * ((0.6 * haloColour.B) + (0.25 * b) - b);
                    }

                    if (sum > 0)
                    {
                        // Ink sits under the epidermis: seen through it, so a little of the skin's own colour remains.
                        double a = opacity * sum / (S * S);
                        r += a * ((0.8 * pigment.R) + (0.12 * r) - r);
                        gg += a * ((0.8 * pigment.G) + (0.12 * gg) - gg);
                        b += a * ((0.8 * pigment.B) + (0.12 * b) - b);
                    }

                    span[o] = (float)r;
                    span[o + 1] = (float)gg;
                    span[o + 2] = (float)b;
                    if (visible && bits != 0)
                    {
                        pigmentBits[(y * w) + x] |= bits;
                    }
                }
            }
        }
    }

    /// <summary>Luminance contrast 1 − L(dot)/L(skin) at a dot centre of the given opacity on the given skin.</summary>
    public static double Contrast(LinearRgb skin, double opacity)
    {
        var p = SkinPalette.Pigment;
        var inked = new LinearRgb(
            skin.R + (opacity * ((0.8 * p.R) + (0.12 * skin.R) - skin.R)),
            skin.G + (opacity * ((0.8 * p.G) + (0.12 * skin.G) - skin.G)),
            skin.B + (opacity * ((0.8 * p.B) + (0.12 * skin.B) - skin.B)));
        return 1 - (inked.Luminance / skin.Luminance);
    }
}
