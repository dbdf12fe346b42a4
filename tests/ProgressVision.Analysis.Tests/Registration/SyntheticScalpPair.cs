using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Tests.Registration;

/// <summary>What differs between the two synthetic sessions.</summary>
public sealed record PairSpec
{
    public double RotationDeg { get; init; }

    /// <summary>AFTER pixels per BEFORE pixel (1.4 = AFTER zoomed in).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Perspective terms of the AFTER→BEFORE map (per pixel from the centre).</summary>
    public double TiltX { get; init; }

    public double TiltY { get; init; }

    public double ShiftX { get; init; }

    public double ShiftY { get; init; }

    /// <summary>Exposure change of AFTER, in EV.</summary>
    public double ExposureEv { get; init; }

    /// <summary>White-balance gains of AFTER (R, B; G = 1).</summary>
    public double WbRed { get; init; } = 1;

    public double WbBlue { get; init; } = 1;

    /// <summary>Strength of a hard side light on AFTER (0 = even light).</summary>
    public double HardLight { get; init; }

    /// <summary>Pigment dots added between sessions, per 1000 px².</summary>
    public double AddedDotsPer1000Px2 { get; init; }

    /// <summary>Hair strands that grew between sessions (count on the canvas).</summary>
    public int HairGrowth { get; init; }

    /// <summary>Radial (dome) distortion coefficient of the AFTER→BEFORE map, per px².</summary>
    public double Curvature { get; init; }

    /// <summary>Render AFTER from a different, non-overlapping part of the scalp.</summary>
    public bool Elsewhere { get; init; }
}

/// <summary>
/// Synthetic scalp photo pairs with exact truth: a procedural skin canvas (mottling, pores, a
/// jittered grid of pigment dots, stubble, moles) photographed twice. BEFORE pixel p shows canvas
/// point p + origin; AFTER pixel q shows the canvas at Truth(q) + origin, where Truth is a known
/// homography plus an optional dome distortion. Both photos are 2×2 supersampled and get sensor noise.
/// </summary>
public sealed class SyntheticScalpPair : IDisposable
{
    private const int CanvasPad = 560;

    private SyntheticScalpPair(PixelBuffer<byte> before, PixelBuffer<byte> after, Func<double, double, (double X, double Y)> truth)
    {
        Before = before;
        After = after;
        Truth = truth;
    }

    public PixelBuffer<byte> Before { get; }

    public PixelBuffer<byte> After { get; }

    /// <summary>True BEFORE position of AFTER pixel (x, y).</summary>
    public Func<double, double, (double X, double Y)> Truth { get; }

    public static SyntheticScalpPair Create(PairSpec spec, int seed, int width = 960, int height = 720)
    {
        var rng = new Random(seed);
        int cw = width + (2 * CanvasPad), ch = height + (2 * CanvasPad);
        if (spec.Elsewhere)
        {
            cw += width + 200;
        }

        var canvasBefore = Canvas.Skin(cw, ch, rng);
        var canvasAfter = canvasBefore.Clone();
        canvasAfter.AddDots(rng, spec.AddedDotsPer1000Px2);
        canvasAfter.AddHair(rng, spec.HairGrowth);

        double ax = (width - 1) / 2.0, ay = (height - 1) / 2.0;
        double angle = spec.RotationDeg * Math.PI / 180;
        var h = Homography.Translation(ax + spec.ShiftX, ay + spec.ShiftY)
                * Homography.Rotation(angle) * Homography.Scale(1 / spec.Scale, 1 / spec.Scale)
                * new Homography(1, 0, 0, 0, 1, 0, spec.TiltX, spec.TiltY, 1)
                * Homography.Translation(-ax, -ay);
        double k = spec.Curvature, elsewhere = spec.Elsewhere ? width + 200 : 0;
        (double, double) Truth(double x, double y)
        {
            var (bx, by) = h.Map(x, y);
            double dx = bx - ax, dy = by - ay, r2 = (dx * dx) + (dy * dy);
            return (bx + (k * r2 * dx) + elsewhere, by + (k * r2 * dy));
        }

        var before = Photograph(canvasBefore, width, height, (x, y) => (x, y), new PairSpec(), rng);
        var after = Photograph(canvasAfter, width, height, Truth, spec, rng);
        canvasBefore.Dispose();
        canvasAfter.Dispose();
        (double X, double Y) PublicTruth(double x, double y)
        {
            var (tx, ty) = Truth(x, y);
            return (tx - elsewhere, ty);
        }

        return new SyntheticScalpPair(before, after, PublicTruth);
    }

    /// <summary>Error statistics (px) of a mapping against the truth over AFTER pixels whose truth lies inside BEFORE (8 px grid).</summary>
    public (double Median, double P95, double Max) Errors(Func<double, double, (double X, double Y)> map, int margin = 8)
    {
        var errs = new List<double>();
        for (int y = 0; y < After.Height; y += 8)
        {
            for (int x = 0; x < After.Width; x += 8)
            {
                var (tx, ty) = Truth(x, y);
                if (tx < margin || ty < margin || tx > Before.Width - 1 - margin || ty > Before.Height - 1 - margin)
                {
                    continue;
                }

                var (mx, my) = map(x, y);
                errs.Add(Math.Sqrt(((mx - tx) * (mx - tx)) + ((my - ty) * (my - ty))));
            }
        }

        errs.Sort();
        return errs.Count == 0 ? (double.NaN, double.NaN, double.NaN) : (errs[errs.Count / 2], errs[(int)(0.95 * (errs.Count - 1))], errs[^1]);
    }

    public void Dispose()
    {
        Before.Dispose();
        After.Dispose();
    }

    private static PixelBuffer<byte> Photograph(Canvas canvas, int w, int h, Func<double, double, (double, double)> map, PairSpec spec, Random rng)
    {
        var img = new PixelBuffer<byte>(w, h, 3, clear: false);
        double gain = Math.Pow(2, spec.ExposureEv);
        double[] wb = [spec.WbRed, 1, spec.WbBlue];
        double lightAngle = rng.NextDouble() * 2 * Math.PI;
        for (int y = 0; y < h; y++)
        {
            var row = img.Row(y);
            for (int x = 0; x < w; x++)
            {
                // Hard light: a steep ramp across the frame with a soft shadow edge.
                double proj = (((x - (w / 2.0)) * Math.Cos(lightAngle)) + ((y - (h / 2.0)) * Math.Sin(lightAngle))) / w;
                double light = 1 + (spec.HardLight * Math.Tanh(4 * proj));
                for (int c = 0; c < 3; c++)
                {
                    double v = 0;
                    for (int s = 0; s < 4; s++)
                    {
                        var (sx, sy) = map(x + ((s & 1) == 0 ? -0.25 : 0.25), y + ((s & 2) == 0 ? -0.25 : 0.25));
                        v += canvas.Sample(c, sx + CanvasPad, sy + CanvasPad);
                    }

                    double lin = v / 4 * gain * wb[c] * light;
                    double srgb = lin <= 0.0031308 ? 12.92 * lin : (1.055 * Math.Pow(lin, 1 / 2.4)) - 0.055;
                    double noise = Gauss(rng) * 1.5;
                    row[(3 * x) + c] = (byte)Math.Clamp((int)Math.Round((srgb * 255) + noise), 0, 255);
                }
            }
        }

        return img;
    }

    internal static double Gauss(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
