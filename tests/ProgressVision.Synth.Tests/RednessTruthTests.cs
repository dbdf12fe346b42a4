using System.Diagnostics;
using System.Globalization;
using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Scene;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Tests;

/// <summary>
/// Redness truth is visible redness: a region is labelled only when its rendered a* rise over the same photo's
/// healthy skin reaches <see cref="TruthDefinitions.MinVisibleRednessDeltaA"/>. The rise of the labelled pixels is
/// recomputed from the rendered bytes by Debian's OpenCV (cv2.cvtColor RGB→Lab on float input, via /usr/bin/python3).
/// </summary>
public class RednessTruthTests
{
    private static RenderedPhoto Render(double redness, ulong seed)
    {
        var scene = ScalpSceneGenerator.Generate(seed, new SceneRecipe { Tone = SkinTone.Light, Sessions = 1, DensityPerCm2 = [40], Redness = redness });
        var pose = new CameraPose { Width = 480, Height = 360, TargetXMm = 90, TargetYMm = 70, BaseMmPerPx = 0.35 };
        return SynthRenderer.Render(scene, 1, pose, PhotoConditions.Clean);
    }

    [Fact]
    public void Strong_redness_is_labelled_and_its_rise_is_visible_by_OpenCV()
    {
        using var photo = Render(0.8, 11);
        var red = photo.Truth.Healing.Where(h => h.Kind == "redness").ToList();
        Assert.NotEmpty(red);
        Assert.All(red, h => Assert.Equal(h.DeltaAStar >= TruthDefinitions.MinVisibleRednessDeltaA, h.Visible));
        Assert.True(red.Any(h => h.Visible), $"no visible redness region: a* rise {string.Join(", ", red.Select(h => h.DeltaAStar))}, strengths {string.Join(", ", red.Select(h => h.Strength.ToString("0.00", CultureInfo.InvariantCulture)))}");
        Assert.True(photo.Truth.HealingPixelCounts[(int)HealingKind.Redness] > 0);

        double rise = OpenCvRise(photo);
        Assert.True(rise >= TruthDefinitions.MinVisibleRednessDeltaA, $"labelled redness rises a* by only {rise:0.00} (OpenCV)");
        if (red.Count(h => h.Visible) == 1 && red.Count == 1)
        {
            Assert.True(Math.Abs(rise - red[0].DeltaAStar!.Value) <= 0.05, $"OpenCV {rise:0.000} vs truth {red[0].DeltaAStar}");
        }
    }

    [Fact]
    public void Faint_redness_is_rendered_but_not_labelled()
    {
        using var photo = Render(0.03, 11);
        var red = photo.Truth.Healing.Where(h => h.Kind == "redness").ToList();
        Assert.NotEmpty(red);
        Assert.All(red, h =>
        {
            Assert.False(h.Visible);
            Assert.NotNull(h.DeltaAStar);
            Assert.True(h.DeltaAStar is > 0 and < TruthDefinitions.MinVisibleRednessDeltaA, $"a* rise {h.DeltaAStar}: in view and faint");
        });
        Assert.Equal(0, photo.Truth.HealingPixelCounts[(int)HealingKind.Redness]);
    }

    // Mean a* of redness-labelled minus healthy treated visible scalp over its brighter half (L* ≥ median), by OpenCV.
    private static double OpenCvRise(RenderedPhoto photo)
    {
        int w = photo.Rgb.Width, h = photo.Rgb.Height;
        var classes = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                classes[(y * w) + x] = !photo.Masks.IsTreatedVisible(x, y) ? (byte)255 : photo.Masks.Healing[x, y];
            }
        }

        string dir = Directory.CreateTempSubdirectory("pv-redness-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "rgb.raw"), photo.Rgb.Span.ToArray());
            File.WriteAllBytes(Path.Combine(dir, "classes.raw"), classes);
            string program = string.Join('\n',
                "import sys, numpy as np, cv2",
                "d, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])",
                "rgb = np.fromfile(d + '/rgb.raw', np.uint8).reshape(h, w, 3).astype(np.float32) / 255",
                "c = np.fromfile(d + '/classes.raw', np.uint8).reshape(h, w)",
                "lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2Lab)",
                "tv = c != 255",
                "bright = tv & (lab[..., 0] >= np.sort(lab[..., 0][tv])[tv.sum() // 2])",
                "print(repr(float(lab[..., 1][bright & (c == 1)].mean() - lab[..., 1][bright & (c == 0)].mean())))");
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "-c", program, dir, w.ToString(CultureInfo.InvariantCulture), h.ToString(CultureInfo.InvariantCulture) })
            {
                psi.ArgumentList.Add(a);
            }

            using var python = Process.Start(psi) ?? throw new InvalidOperationException("/usr/bin/python3 did not start");
            var stderr = python.StandardError.ReadToEndAsync();
            string stdout = python.StandardOutput.ReadToEnd();
            python.WaitForExit();
            Assert.True(python.ExitCode == 0, $"/usr/bin/python3 with cv2 failed: {stderr.Result}");
            return double.Parse(stdout.Trim(), CultureInfo.InvariantCulture);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
