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
    private static ScalpScene Scene(double redness, ulong seed) =>
        ScalpSceneGenerator.Generate(seed, new SceneRecipe { Tone = SkinTone.Light, Sessions = 1, DensityPerCm2 = [40], Redness = redness });

    private static RenderedPhoto Render(ScalpScene scene)
    {
        var pose = new CameraPose { Width = 480, Height = 360, TargetXMm = 90, TargetYMm = 70, BaseMmPerPx = 0.35 };
        return SynthRenderer.Render(scene, 1, pose, PhotoConditions.Clean);
    }

    [Fact]
    public void Strong_redness_is_labelled_and_its_rise_is_visible_by_OpenCV()
    {
        using var photo = Render(Scene(0.8, 11));
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

    [Theory]
    [InlineData(21UL)]
    [InlineData(23UL)]
    [InlineData(25UL)]
    public void Strong_redness_on_the_darker_side_of_the_light_is_still_labelled(ulong seed)
    {
        // Full-strength erythema (a third of the green gone) also darkens the skin, and a light gradient darkens the
        // side of the photo the patch sits on. A visibility measure that keeps only pixels above the WHOLE scalp's
        // median L* then sees none of the patch and calls it invisible (a* rise 0; seen in healing-95126). Each
        // population's own brighter half keeps it: every region the photo shows must be labelled.
        var scene = Scene(1.0, seed);
        var outline = scene.Sessions[0].Healing.First(h => h.Kind == HealingKind.Redness).Region.Polygon(16);
        double cx = outline.Where((_, i) => i % 2 == 0).Average(), cy = outline.Where((_, i) => i % 2 == 1).Average();
        // The patch 35 mm left of the centre of a 96 mm wide frame, the light falling off towards the left.
        var pose = new CameraPose { Width = 480, Height = 360, TargetXMm = cx + 35, TargetYMm = cy, BaseMmPerPx = 0.2 };
        using var photo = SynthRenderer.Render(scene, 1, pose, PhotoConditions.Clean with { GradientStrength = 0.4, GradientAngleDegrees = 0 });
        var shown = photo.Truth.Healing.Where((h, i) => h.Kind == "redness" && HasPixelsInView(photo, scene.Sessions[0].Healing[i].Region)).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, h => Assert.True(h.Visible, $"redness of strength {h.Strength:0.00} in view is unlabelled (a* rise {h.DeltaAStar:0.00})"));
    }

    [Fact]
    public void Faint_redness_is_rendered_but_not_labelled()
    {
        var scene = Scene(0.03, 11);
        using var photo = Render(scene);
        var red = photo.Truth.Healing.Where(h => h.Kind == "redness").ToList();
        Assert.Contains(scene.Sessions[0].Healing, h => h.Kind == HealingKind.Redness && HasPixelsInView(photo, h.Region));
        Assert.All(red, h =>
        {
            Assert.False(h.Visible);
            Assert.NotNull(h.DeltaAStar);
            // A trace of erythema over skin that itself varies: the rise may come out a hair below zero.
            Assert.True(Math.Abs(h.DeltaAStar!.Value) < TruthDefinitions.MinVisibleRednessDeltaA, $"a* rise {h.DeltaAStar}: faint");
        });
        Assert.Equal(0, photo.Truth.HealingPixelCounts[(int)HealingKind.Redness]);
    }

    // True when some treated visible pixel of the photo shows a point of the (world) region: the photo's truth is
    // index-aligned with the session's healing regions, and the region itself is the renderer's definition.
    private static bool HasPixelsInView(RenderedPhoto photo, StarRegion region)
    {
        for (int y = 0; y < photo.Rgb.Height; y += 2)
        {
            for (int x = 0; x < photo.Rgb.Width; x += 2)
            {
                var (wx, wy) = photo.Projection.ImageToWorldPoint(x, y);
                if (photo.Masks.IsTreatedVisible(x, y) && region.Contains(wx, wy))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Mean a* of redness-labelled minus healthy treated visible scalp, each over its own brighter half (L* ≥ that
    // class's median), by OpenCV.
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
                "L, A = lab[..., 0], lab[..., 1]",
                "def bright_a(m): return A[m & (L >= np.sort(L[m])[m.sum() // 2])].mean()",
                "print(repr(float(bright_a(c == 1) - bright_a(c == 0))))");
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
