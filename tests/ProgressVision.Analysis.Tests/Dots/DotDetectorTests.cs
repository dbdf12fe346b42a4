using ProgressVision.Imaging.Buffers;
using ProgressVision.Analysis.Dots;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Dots;

public sealed class DotDetectorTests(ITestOutputHelper output)
{
    private static readonly (byte, byte, byte) LightSkin = (214, 172, 150);
    private static readonly (byte, byte, byte) DarkSkin = (96, 66, 52);

    [Fact]
    public void Finds_drawn_dots_with_sub_pixel_centres()
    {
        var scene = new DrawnScalp(400, 300, LightSkin, 0.02, seed: 11);
        scene.ScatterDots(150, 1.6, 5.5, 0.35, 0.75, minSpacing: 16, seed: 12);
        using var img = scene.Render();
        var dots = new DotDetector().Detect(img);
        var truth = scene.Dots.Select(d => (d.X, d.Y, d.Radius)).ToList();
        var (p, r, f1, pairs) = DetectionScore.Score(truth, dots, t => Math.Max(1.5, 0.6 * truth[t].Radius));
        var errs = pairs.Select(m => Math.Sqrt(Math.Pow(truth[m.Truth].X - dots[m.Found].X, 2) + Math.Pow(truth[m.Truth].Y - dots[m.Found].Y, 2))).ToList();
        var rerr = pairs.Select(m => dots[m.Found].Radius - truth[m.Truth].Radius).ToList();
        var cerr = pairs.Select(m => dots[m.Found].Contrast - scene.Dots[m.Truth].Contrast).ToList();
        output.WriteLine($"P={p:F3} R={r:F3} F1={f1:F3} n={dots.Count}/{truth.Count} centre mean={errs.Average():F3} max={errs.Max():F3} radius bias={rerr.Average():F3} sd={Sd(rerr):F3} contrast bias={cerr.Average():F3} sd={Sd(cerr):F3}");
        foreach (var m in pairs.Where(m => errs[pairs.IndexOf(m)] > 0.3))
        {
            output.WriteLine($"  far: truth {scene.Dots[m.Truth]} found {dots[m.Found]}");
        }

        Assert.True(f1 >= 0.98, $"F1 {f1:F3}");
        Assert.True(errs.Average() <= 0.15, $"mean centre error {errs.Average():F3}");
        Assert.True(errs.Max() <= 0.3, $"max centre error {errs.Max():F3}");
    }

    [Fact]
    public void Hair_and_stubble_lines_are_not_taken_for_dots()
    {
        var scene = new DrawnScalp(400, 300, LightSkin, 0.02, seed: 21);
        scene.ScatterDots(60, 2, 4.5, 0.4, 0.7, minSpacing: 30, seed: 22, margin: 20);
        int dotCount = scene.Dots.Count;
        var rng = new Random(23);
        var hairs = new List<(double X0, double Y0, double X1, double Y1)>();
        for (int i = 0; i < 25; i++)
        {
            // Long hairs, short stubble (8–14 px) and thicker shafts, all at least 3:1 long.
            double len = i < 10 ? 60 + (rng.NextDouble() * 80) : 8 + (rng.NextDouble() * 6);
            double a = rng.NextDouble() * Math.PI, x0 = 20 + (rng.NextDouble() * 360), y0 = 20 + (rng.NextDouble() * 260);
            double x1 = x0 + (len * Math.Cos(a)), y1 = y0 + (len * Math.Sin(a));
            hairs.Add((x0, y0, x1, y1));
            scene.AddHair(x0, y0, x1, y1, halfWidth: i % 3 == 0 ? 1.3 : 0.7, contrast: 0.75);
        }

        using var img = scene.Render();
        var dots = new DotDetector().Detect(img);
        // Every detection far (> 1.5 radii + 2 px) from every drawn dot is a hair false positive.
        var onHair = dots.Where(d => scene.Dots.Take(dotCount).All(t => Math.Sqrt(Math.Pow(t.X - d.X, 2) + Math.Pow(t.Y - d.Y, 2)) > (1.5 * t.Radius) + 2)).ToList();
        output.WriteLine($"{dots.Count} detections, {onHair.Count} on hair: {string.Join(" ", onHair.Select(d => $"({d.X:F0},{d.Y:F0})"))}");
        Assert.True(onHair.Count <= 1, $"{onHair.Count} detections on hair or stubble");

        // Dots not crossed by a hair are still found.
        var truth = scene.Dots.Take(dotCount).Select(d => (d.X, d.Y, d.Radius)).ToList();
        var (_, recall, _, _) = DetectionScore.Score(truth, dots, t => Math.Max(1.5, 0.6 * truth[t].Radius));
        Assert.True(recall >= 0.9, $"recall {recall:F3} among hairs");
    }

    [Fact]
    public void Finds_dark_pigment_on_dark_skin_under_a_lighting_ramp()
    {
        var scene = new DrawnScalp(400, 300, DarkSkin, 0.03, seed: 31);
        scene.ScatterDots(120, 2, 5, 0.25, 0.45, minSpacing: 18, seed: 32);
        using var img = scene.Render(gainLeft: 0.55, gainRight: 1.3);
        var dots = new DotDetector().Detect(img);
        var truth = scene.Dots.Select(d => (d.X, d.Y, d.Radius)).ToList();
        var (p, r, f1, pairs) = DetectionScore.Score(truth, dots, t => Math.Max(1.5, 0.6 * truth[t].Radius));
        var cerr = pairs.Select(m => dots[m.Found].Contrast - scene.Dots[m.Truth].Contrast).ToList();
        output.WriteLine($"P={p:F3} R={r:F3} F1={f1:F3} contrast bias={cerr.Average():F3} sd={Sd(cerr):F3}");
        Assert.True(f1 >= 0.97, $"F1 {f1:F3}");

        // Contrast is lighting-invariant (1 − L/L_skin in linear light): within 0.05 of the drawn value.
        Assert.True(Math.Abs(cerr.Average()) <= 0.05, $"contrast bias {cerr.Average():F3}");
    }

    [Fact]
    public void Densely_packed_dots_are_all_found()
    {
        // High-density work (≈ 90/cm² of 0.45 mm dots at 0.06 mm/px): dots thrown with a 10.5 px minimum
        // spacing (≈ 2.8 radii, as Synth's densest cases), so neighbours reach into each dot's measuring
        // window and must not make its dark core look elongated; r ≈ 3.4–4 px also puts the dots' scale
        // (σ ≈ 2.5) on the octave boundary of the DoG search.
        var scene = new DrawnScalp(400, 300, LightSkin, 0.02, seed: 41);
        scene.ScatterDots(390, 3.4, 4.0, 0.5, 0.7, minSpacing: 10.5, seed: 42);
        using var img = scene.Render();
        var dots = new DotDetector(DotDetectionOptions.ForMmPerPx(0.06)).Detect(img);
        var truth = scene.Dots.Select(d => (d.X, d.Y, d.Radius)).ToList();
        var (p, r, f1, pairs) = DetectionScore.Score(truth, dots, t => Math.Max(1.5, 0.6 * truth[t].Radius));
        output.WriteLine($"P={p:F3} R={r:F3} F1={f1:F3} n={dots.Count}/{truth.Count}");
        var hitT = pairs.Select(m => m.Truth).ToHashSet();
        foreach (int t in Enumerable.Range(0, truth.Count).Where(t => !hitT.Contains(t)))
        {
            var near = scene.Dots.Where((_, j) => j != t).Min(o => Math.Sqrt(Math.Pow(o.X - truth[t].X, 2) + Math.Pow(o.Y - truth[t].Y, 2)));
            output.WriteLine($"  missed ({truth[t].X:F1},{truth[t].Y:F1}) r {truth[t].Radius:F2} nearest dot {near:F1}");
        }

        Assert.True(truth.Count >= 350, $"only {truth.Count} dots drawn");
        Assert.True(r >= 0.98, $"recall {r:F3} among densely packed dots");
        Assert.True(p >= 0.98, $"precision {p:F3}");
    }

    [Fact]
    public void Pores_on_dark_skin_that_pass_the_contrast_floor_are_not_taken_for_dots()
    {
        // Pigment on very dark skin reaches only ≈0.4 contrast, so pores at 0.2 pass the visibility
        // floor (30 % of full ink) and the absolute ink floor (0.2·π·2² ≈ 2.5 px²); they carry about a
        // tenth of a dot's ink (contrast × r²), which the relative ink floor rejects.
        var scene = new DrawnScalp(400, 300, DarkSkin, 0.02, seed: 51);
        scene.ScatterDots(110, 4, 5, 0.35, 0.45, minSpacing: 22, seed: 52, margin: 12);
        int dotCount = scene.Dots.Count;
        var rng = new Random(53);
        var pores = 0;
        for (int tries = 0; pores < 110 && tries < 20000; tries++)
        {
            double x = 10 + (rng.NextDouble() * 380), y = 10 + (rng.NextDouble() * 280);
            if (scene.Dots.All(d => Math.Sqrt(((d.X - x) * (d.X - x)) + ((d.Y - y) * (d.Y - y))) > d.Radius + 8))
            {
                scene.AddDot(x, y, 2.0, 0.2);
                pores++;
            }
        }

        using var img = scene.Render();
        var dots = new DotDetector().Detect(img);
        var truth = scene.Dots.Take(dotCount).Select(d => (d.X, d.Y, d.Radius)).ToList();
        var (p, r, f1, _) = DetectionScore.Score(truth, dots, t => Math.Max(1.5, 0.6 * truth[t].Radius));
        output.WriteLine($"{pores} pores; P={p:F3} R={r:F3} F1={f1:F3} n={dots.Count}/{truth.Count}");
        Assert.True(r >= 0.97, $"recall {r:F3}");
        Assert.True(p >= 0.95, $"precision {p:F3}: pores counted as dots");

        // With the relative ink floor off, the same pores are detected: the test measures that floor.
        var without = new DotDetector(new DotDetectionOptions { MinRelativeInk = 0 }).Detect(img);
        var (p0, _, _, _) = DetectionScore.Score(truth, without, t => Math.Max(1.5, 0.6 * truth[t].Radius));
        output.WriteLine($"without the relative ink floor: P={p0:F3} n={without.Count}");
        Assert.True(p0 < 0.8, $"precision without the floor {p0:F3}: the pores are not a test");
    }

    [Fact]
    public void Pores_as_dark_and_as_large_as_the_dots_are_told_apart_by_colour()
    {
        // Very dark skin: pigment dots (cool grey ink, opacity 0.6–0.8) and skin-coloured depressions of
        // the same luminance contrast and size. No contrast, size or ink floor can separate them; colour can.
        var skin = ((byte)78, (byte)54, (byte)44);
        var scene = new DrawnScalp(400, 300, skin, 0.02, seed: 61);
        var rng = new Random(62);
        var centres = new List<(double X, double Y)>();
        bool Free(double x, double y) => centres.All(c => ((c.X - x) * (c.X - x)) + ((c.Y - y) * (c.Y - y)) > 18 * 18);
        for (int tries = 0; centres.Count < 90 && tries < 20000; tries++)
        {
            double x = 12 + (rng.NextDouble() * 376), y = 12 + (rng.NextDouble() * 276);
            if (Free(x, y))
            {
                centres.Add((x, y));
                scene.AddPigmentDot(x, y, 3 + rng.NextDouble(), 0.6 + (0.2 * rng.NextDouble()));
            }
        }

        int dotCount = scene.Dots.Count;
        double minInk = scene.Dots.Min(d => d.Contrast), maxInk = scene.Dots.Max(d => d.Contrast);
        for (int tries = 0; centres.Count < dotCount + 90 && tries < 20000; tries++)
        {
            double x = 12 + (rng.NextDouble() * 376), y = 12 + (rng.NextDouble() * 276);
            if (Free(x, y))
            {
                centres.Add((x, y));
                scene.AddDot(x, y, 3 + rng.NextDouble(), minInk + ((maxInk - minInk) * rng.NextDouble()));
            }
        }

        var truth = scene.Dots.Take(dotCount).Select(d => (d.X, d.Y, d.Radius)).ToList();
        foreach (var (name, gains) in new[] { ("neutral", (1.0, 1.0, 1.0)), ("warm white balance", (1.25, 1.0, 0.8)) })
        {
            using var img = scene.Render(channelGains: gains);
            var dots = new DotDetector().Detect(img);
            var (p, r, _, _) = DetectionScore.Score(truth, dots, t => Math.Max(1.5, 0.6 * truth[t].Radius));
            output.WriteLine($"{name}: {dotCount} dots, {centres.Count - dotCount} pores of contrast {minInk:F2}–{maxInk:F2}; P={p:F3} R={r:F3} n={dots.Count}");
            Assert.True(r >= 0.95, $"{name}: recall {r:F3}");
            Assert.True(p >= 0.95, $"{name}: precision {p:F3}: pores counted as dots");
        }

        // The same photo in gray: without colour the pores pass as dots, so the scene does test colour.
        using var rgb = scene.Render();
        using var gray = ToGray(rgb);
        var grayDots = new DotDetector().Detect(gray);
        var (pg, _, _, _) = DetectionScore.Score(truth, grayDots, t => Math.Max(1.5, 0.6 * truth[t].Radius));
        output.WriteLine($"gray: P={pg:F3} n={grayDots.Count}");
        Assert.True(pg < 0.75, $"gray precision {pg:F3}: the pores are not a test");
    }

    [Fact]
    public void Colour_smeared_coarser_than_the_dots_is_not_trusted()
    {
        // Small pigment dots (radius 2–2.8 px, under 2× the 1.5 px MinRadius) on very dark skin. With the
        // colour intact the self-check finds every small surely-ink blob pigment-coloured. With the chroma
        // replaced by its 8×8 block means (as coarse as 4:2:0 JPEG chroma after strong quantisation) the
        // dots look skin-coloured (here even the larger ones, so colour is refused before the small-blob
        // check), colour is not used, and the strict floors still find the dots.
        var skin = ((byte)78, (byte)54, (byte)44);
        var scene = new DrawnScalp(400, 300, skin, 0.02, seed: 71);
        var rng = new Random(72);
        var centres = new List<(double X, double Y)>();
        for (int tries = 0; centres.Count < 120 && tries < 20000; tries++)
        {
            double x = 10 + (rng.NextDouble() * 380), y = 10 + (rng.NextDouble() * 280);
            if (centres.All(c => ((c.X - x) * (c.X - x)) + ((c.Y - y) * (c.Y - y)) > 16 * 16))
            {
                centres.Add((x, y));
                scene.AddPigmentDot(x, y, centres.Count % 3 == 0 ? 3.5 : 2 + (0.8 * rng.NextDouble()), 0.6 + (0.2 * rng.NextDouble()));
            }
        }

        var truth = scene.Dots.Select(d => (d.X, d.Y, d.Radius)).ToList();
        using var intact = scene.Render();
        using var smeared = BlockChroma(intact, 8);
        foreach (var (name, img, expectTrusted) in new[] { ("intact", intact, true), ("smeared", smeared, false) })
        {
            var detector = new DotDetector();
            var dots = detector.Detect(img);
            var (p, r, _, _) = DetectionScore.Score(truth, dots, t => Math.Max(1.5, 0.6 * truth[t].Radius));
            var (sure, contradicted) = detector.LastColourCheck;
            output.WriteLine($"{name}: small surely-ink blobs {sure}, read skin-coloured {contradicted}; P={p:F3} R={r:F3} n={dots.Count}/{truth.Count}");
            Assert.Equal(expectTrusted, detector.LastUsedColour);
            if (expectTrusted)
            {
                Assert.True(sure >= 20 && contradicted <= 0.05 * sure, $"{name}: {contradicted} of {sure} small surely-ink blobs read skin-coloured");
            }

            Assert.True(r >= 0.95 && p >= 0.95, $"{name}: P={p:F3} R={r:F3}");
        }
    }

    // JFIF YCbCr with Cb and Cr replaced by their means over block×block squares, back to RGB.
    private static PixelBuffer<byte> BlockChroma(PixelBuffer<byte> rgb, int block)
    {
        int w = rgb.Width, h = rgb.Height;
        var ycc = new double[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double r = rgb[x, y, 0], g = rgb[x, y, 1], b = rgb[x, y, 2];
                int i = ((y * w) + x) * 3;
                ycc[i] = (0.299 * r) + (0.587 * g) + (0.114 * b);
                ycc[i + 1] = 128 - (0.168736 * r) - (0.331264 * g) + (0.5 * b);
                ycc[i + 2] = 128 + (0.5 * r) - (0.418688 * g) - (0.081312 * b);
            }
        }

        var o = new PixelBuffer<byte>(w, h, 3);
        for (int by = 0; by < h; by += block)
        {
            for (int bx = 0; bx < w; bx += block)
            {
                double cb = 0, cr = 0;
                int n = 0;
                for (int y = by; y < Math.Min(h, by + block); y++)
                {
                    for (int x = bx; x < Math.Min(w, bx + block); x++)
                    {
                        int i = ((y * w) + x) * 3;
                        cb += ycc[i + 1];
                        cr += ycc[i + 2];
                        n++;
                    }
                }

                cb /= n;
                cr /= n;
                for (int y = by; y < Math.Min(h, by + block); y++)
                {
                    for (int x = bx; x < Math.Min(w, bx + block); x++)
                    {
                        double yy = ycc[((y * w) + x) * 3];
                        o[x, y, 0] = (byte)Math.Clamp((int)Math.Round(yy + (1.402 * (cr - 128))), 0, 255);
                        o[x, y, 1] = (byte)Math.Clamp((int)Math.Round(yy - (0.344136 * (cb - 128)) - (0.714136 * (cr - 128))), 0, 255);
                        o[x, y, 2] = (byte)Math.Clamp((int)Math.Round(yy + (1.772 * (cb - 128))), 0, 255);
                    }
                }
            }
        }

        return o;
    }

    // Rec. 709 luminance in linear light, re-encoded as an 8-bit sRGB code.
    private static PixelBuffer<byte> ToGray(PixelBuffer<byte> rgb)
    {
        var g = new PixelBuffer<byte>(rgb.Width, rgb.Height, 1);
        for (int y = 0; y < rgb.Height; y++)
        {
            for (int x = 0; x < rgb.Width; x++)
            {
                double l = DrawnScalp.Luminance((rgb[x, y, 0], rgb[x, y, 1], rgb[x, y, 2]));
                double c = l <= 0.0031308 ? 12.92 * l : (1.055 * Math.Pow(l, 1 / 2.4)) - 0.055;
                g[x, y, 0] = (byte)Math.Clamp((int)Math.Round(c * 255), 0, 255);
            }
        }

        return g;
    }

    private static double Sd(List<double> v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Count);
    }
}
