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

    private static double Sd(List<double> v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Count);
    }
}
