using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Color;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// How much cooler (bluer relative to red) a blob's centre is than the skin around it, in linear light:
/// the colour evidence that tells SMP pigment from a pore or a skin fold.
/// </summary>
/// <remarks>
/// A pore, furrow or follicle opening is a skin-coloured depression: it only lets less light back,
/// scaling R, G and B alike, so its chromaticity equals the skin's. Carbon pigment seen through the
/// epidermis is a cool blue-grey, while skin (melanin, haemoglobin) reflects far more red than blue,
/// so ink moves the colour towards blue. The shift is taken as a difference of log ratios,
/// ln(B/R)_centre − ln(B/R)_skin: per-channel gains (white balance, exposure, coloured light) add the
/// same constant to both logs and cancel, so the figure depends only on what is on the skin.
/// </remarks>
internal static class DotColour
{
    // Keeps the logarithms finite in black pixels (linear 1e-4 is below 8-bit sRGB level 1).
    private const double Floor = 1e-4;

    // ln(linear + Floor) of each 8-bit sRGB code: the ring's per-pixel ln(B/R) is a difference of two lookups.
    private static readonly float[] LnLinear = BuildLnTable();

    /// <summary>
    /// Shift: ln(B/R) of the dot's centre (Gaussian-weighted mean of linear R and B within
    /// <paramref name="radius"/>) minus ln(B/R) of the skin (per-channel median of the ring
    /// 1.7·r0 + 1.5 … 2.4·r0 + 2.5 px, the ring <see cref="DotProfile"/> takes the skin level from).
    /// Sigma: the shift's noise, the ring's per-pixel ln(B/R) spread (1.4826 × MAD) times the centre
    /// weights' noise gain √Σw² / Σw. All NaN when the ring has fewer than 8 pixels.
    /// </summary>
    public static ColourEvidence Measure(PixelBuffer<byte> rgb, double cx, double cy, double radius, double r0)
    {
        var lut = ColorConversion.SrgbToLinearTable;
        int w = rgb.Width, h = rgb.Height;
        double outer = (2.4 * r0) + 2.5, inner = (1.7 * r0) + 1.5;

        // Centre weights: a Gaussian of half the radius, so the ink's flat core counts and its soft
        // edge (half skin colour) little.
        double sigma = Math.Max(0.6, 0.5 * radius), inv2s2 = 1 / (2 * sigma * sigma), rCore = Math.Max(1.0, radius);
        double cr = 0, cb = 0, cw = 0, cw2 = 0;
        Span<float> ringR = stackalloc float[1024];
        Span<float> ringB = stackalloc float[1024];
        Span<float> logRatio = stackalloc float[1024];
        int n = 0;
        int x0 = Math.Max(0, (int)Math.Floor(cx - rCore)), x1 = Math.Min(w - 1, (int)Math.Ceiling(cx + rCore));
        int y0 = Math.Max(0, (int)Math.Floor(cy - rCore)), y1 = Math.Min(h - 1, (int)Math.Ceiling(cy + rCore));
        for (int y = y0; y <= y1; y++)
        {
            var row = rgb.Row(y);
            double dy = y - cy;
            for (int x = x0; x <= x1; x++)
            {
                double dx = x - cx, d2 = (dx * dx) + (dy * dy);
                if (d2 <= rCore * rCore)
                {
                    double wt = Math.Exp(-d2 * inv2s2);
                    cr += wt * lut[row[3 * x]];
                    cb += wt * lut[row[(3 * x) + 2]];
                    cw += wt;
                    cw2 += wt * wt;
                }
            }
        }

        // The ring on a lattice of step ≈ r0/4 px: a large dot's ring (high-resolution photos) holds
        // thousands of pixels, and its median and spread need a few hundred.
        int step = Math.Max(1, (int)(r0 / 4));
        x0 = Math.Max(0, (int)Math.Floor(cx - outer));
        x1 = Math.Min(w - 1, (int)Math.Ceiling(cx + outer));
        y0 = Math.Max(0, (int)Math.Floor(cy - outer));
        y1 = Math.Min(h - 1, (int)Math.Ceiling(cy + outer));
        for (int y = y0; y <= y1 && n < ringR.Length; y += step)
        {
            var row = rgb.Row(y);
            double dy = y - cy;
            for (int x = x0; x <= x1; x += step)
            {
                double dx = x - cx, d2 = (dx * dx) + (dy * dy);
                if (d2 >= inner * inner && d2 <= outer * outer && n < ringR.Length)
                {
                    byte r = row[3 * x], b = row[(3 * x) + 2];
                    ringR[n] = lut[r];
                    ringB[n] = lut[b];
                    logRatio[n] = LnLinear[b] - LnLinear[r];
                    n++;
                }
            }
        }

        if (n < 8 || cw <= 0)
        {
            return new ColourEvidence(double.NaN, double.NaN, double.NaN);
        }

        // Medians per channel: a neighbouring dot inside the ring must not cool the skin estimate.
        double sr = OrderStatistic.Select(ringR[..n], n / 2), sb = OrderStatistic.Select(ringB[..n], n / 2);
        double shift = Math.Log(((cb / cw) + Floor) / ((cr / cw) + Floor)) - Math.Log((sb + Floor) / (sr + Floor));

        // The ring's own pixel-to-pixel ln(B/R) spread is the colour noise of this patch of skin (sensor
        // noise, grain, mottling); averaging over the centre's weights divides it by the effective count.
        Span<float> logs = logRatio[..n];
        float med = OrderStatistic.Select(logs, n / 2);
        for (int i = 0; i < n; i++)
        {
            logs[i] = Math.Abs(logs[i] - med);
        }

        double sigmaPixel = 1.4826 * OrderStatistic.Select(logs, n / 2);
        return new ColourEvidence(shift, sigmaPixel * Math.Sqrt(cw2) / cw, sigmaPixel);
    }

    private static float[] BuildLnTable()
    {
        var lut = ColorConversion.SrgbToLinearTable;
        var t = new float[256];
        for (int i = 0; i < 256; i++)
        {
            t[i] = (float)Math.Log(lut[i] + Floor);
        }

        return t;
    }
}

/// <summary>
/// A blob's colour evidence (<see cref="DotColour.Measure"/>): the cooling shift, its noise, and the skin
/// ring's per-pixel ln(B/R) spread (1.4826 × MAD) that noise was scaled from.
/// </summary>
internal readonly record struct ColourEvidence(double Shift, double Sigma, double RingSpread)
{
    /// <summary>The shift and its noise.</summary>
    public void Deconstruct(out double shift, out double sigma)
    {
        shift = Shift;
        sigma = Sigma;
    }
}
