using ProgressVision.Analysis.Dots;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Tests.Dots;

/// <summary>
/// The cooling shift (ln(B/R) of a blob's centre minus that of the skin around it) against values computed
/// by hand from the drawn pixels' own sRGB codes (IEC 61966-2-1 decoding).
/// </summary>
public sealed class DotColourTests
{
    // Synth's very dark tone (sRGB 78, 54, 44): where pores and faint ink have similar luminance contrast.
    private static readonly (byte, byte, byte) VeryDarkSkin = (78, 54, 44);

    [Fact]
    public void A_skin_coloured_depression_has_no_cooling_shift()
    {
        // A pore lets less light back in every channel alike: only luminance changes.
        var scene = new DrawnScalp(64, 64, VeryDarkSkin, 0, seed: 1);
        scene.AddDot(32, 32, 5, 0.4);
        using var img = scene.Render();
        var (shift, _) = DotColour.Measure(img, 32, 32, 3.5, 5);
        Assert.True(Math.Abs(shift) < 0.03, $"shift {shift:F4} of a skin-coloured disc");
    }

    [Fact]
    public void Pigment_shift_is_the_log_ratio_difference_of_the_drawn_colours()
    {
        var scene = new DrawnScalp(64, 64, VeryDarkSkin, 0, seed: 2);
        scene.AddPigmentDot(32, 32, 5, 0.7);
        using var img = scene.Render();

        // The centre 3.5 px lie wholly inside the disc, the ring (10–14.5 px from r0 = 5) wholly on
        // skin: both are single colours, read back from the image's own codes.
        double expected = LogBlueOverRed(img, 32, 32) - LogBlueOverRed(img, 2, 2);
        var (shift, _) = DotColour.Measure(img, 32, 32, 3.5, 5);
        Assert.True(expected > 0.3, $"hand-computed shift {expected:F3}: the drawn ink is not cooler than the skin");
        Assert.True(Math.Abs(shift - expected) < 0.01, $"shift {shift:F4}, by hand {expected:F4}");
    }

    [Fact]
    public void White_balance_and_exposure_gains_cancel()
    {
        var scene = new DrawnScalp(64, 64, VeryDarkSkin, 0.02, seed: 3);
        scene.AddPigmentDot(32, 32, 4, 0.6);
        using var neutral = scene.Render();
        using var warm = scene.Render(channelGains: (1.25, 1.0, 0.8));
        using var dim = scene.Render(0.6, 0.6);
        double s0 = DotColour.Measure(neutral, 32, 32, 4, 4).Shift;
        double s1 = DotColour.Measure(warm, 32, 32, 4, 4).Shift;
        double s2 = DotColour.Measure(dim, 32, 32, 4, 4).Shift;

        // Only 8-bit rounding of the darker codes separates them.
        Assert.True(s0 > 0.3, $"shift {s0:F3}");
        Assert.True(Math.Abs(s1 - s0) < 0.03, $"white balance moved the shift {s0:F4} → {s1:F4}");
        Assert.True(Math.Abs(s2 - s0) < 0.03, $"exposure moved the shift {s0:F4} → {s2:F4}");
    }

    [Fact]
    public void Sigma_is_the_rings_colour_noise_over_the_centres_effective_count()
    {
        // Independent noise in the blue channel only: ln(B/R) varies pixel to pixel by ≈ its relative SD.
        const int W = 64;
        var img = new PixelBuffer<byte>(W, W, 3);
        var rng = new Random(4);
        for (int y = 0; y < W; y++)
        {
            for (int x = 0; x < W; x++)
            {
                img[x, y, 0] = 78;
                img[x, y, 1] = 54;
                img[x, y, 2] = (byte)Math.Clamp(Math.Round(44 + (4 * Gauss(rng))), 0, 255);
            }
        }

        const double Radius = 3, R0 = 3;
        var (shift, sigma) = DotColour.Measure(img, 32, 32, Radius, R0);

        // By hand: the ring's ln(B/R) standard deviation, times √Σw²/Σw for the documented centre weights
        // (Gaussian of σ = max(0.6, radius/2) over the pixels within the radius).
        double inner = (1.7 * R0) + 1.5, outer = (2.4 * R0) + 2.5, s = Math.Max(0.6, Radius / 2);
        var ring = new List<double>();
        double sw = 0, sw2 = 0;
        for (int y = 0; y < W; y++)
        {
            for (int x = 0; x < W; x++)
            {
                double d2 = ((x - 32) * (x - 32)) + ((y - 32) * (y - 32));
                if (d2 <= Radius * Radius)
                {
                    double wt = Math.Exp(-d2 / (2 * s * s));
                    sw += wt;
                    sw2 += wt * wt;
                }
                else if (d2 >= inner * inner && d2 <= outer * outer)
                {
                    ring.Add(LogBlueOverRed(img, x, y));
                }
            }
        }

        double mean = ring.Average(), sd = Math.Sqrt(ring.Sum(v => (v - mean) * (v - mean)) / ring.Count);
        double expected = sd * Math.Sqrt(sw2) / sw;
        Assert.True(Math.Abs(sigma - expected) < 0.25 * expected, $"sigma {sigma:F4}, by hand {expected:F4}");
        Assert.True(Math.Abs(shift) < 4 * expected, $"shift {shift:F4} of plain noisy skin is beyond 4σ ({expected:F4})");
    }

    private static double LogBlueOverRed(PixelBuffer<byte> img, int x, int y) =>
        Math.Log(DrawnScalp.Decode(img[x, y, 2]) / DrawnScalp.Decode(img[x, y, 0]));

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
