using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Scene;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Tests;

public class DotTruthTests
{
    private static RenderedPhoto CleanPhoto(ulong seed, double densityPerCm2, int w = 600, int h = 450, double tilt = 8)
    {
        var scene = ScalpSceneGenerator.Generate(seed, new SceneRecipe
        {
            Tone = SkinTone.Light,
            Sessions = 1,
            DensityPerCm2 = [densityPerCm2],
            Gaps = 0,
            Clumps = 0,
            Redness = 0,
            FadePatches = 0,
            Moles = 0,
        });
        var pose = new CameraPose
        {
            Width = w,
            Height = h,
            TargetXMm = SceneLayout.CentreX,
            TargetYMm = SceneLayout.CentreY,
            BaseMmPerPx = 0.05,
            Scale = 1.1,
            RollDegrees = 17,
            TiltXDegrees = tilt,
            TiltYDegrees = -tilt / 2,
        };
        return SynthRenderer.Render(scene, 1, pose, PhotoConditions.Clean, RenderOptions.Clean);
    }

    [Fact]
    public void RenderedDarknessCentroidIsAtTheTruthCentre()
    {
        using var photo = CleanPhoto(3, 40);
        double skin = RenderedImageMeasures.MedianLuminance(photo.Rgb);
        var dots = photo.Truth.Dots.Where(d => d.Visible).ToList();
        var errors = new List<double>();
        foreach (var d in dots)
        {
            double r = d.MajorRadiusPx + 3;
            if (d.X < r + 1 || d.Y < r + 1 || d.X > photo.Truth.Width - r - 2 || d.Y > photo.Truth.Height - r - 2)
            {
                continue;
            }

            // Isolated dots only: a neighbour's ink inside the window would pull the centroid.
            if (dots.Any(o => o.Id != d.Id && Math.Abs(o.X - d.X) < r + o.MajorRadiusPx + 2 && Math.Abs(o.Y - d.Y) < r + o.MajorRadiusPx + 2))
            {
                continue;
            }

            var (cx, cy) = RenderedImageMeasures.DarknessCentroid(photo.Rgb, d.X, d.Y, r, skin);
            errors.Add(Math.Sqrt(((cx - d.X) * (cx - d.X)) + ((cy - d.Y) * (cy - d.Y))));
        }

        Assert.True(errors.Count > 100, $"only {errors.Count} isolated dots");
        errors.Sort();
        Assert.True(errors[errors.Count / 2] < 0.05, $"median centroid error {errors[errors.Count / 2]:F3} px");
        Assert.True(errors[^1] < 0.1, $"max centroid error {errors[^1]:F3} px");
    }

    [Fact]
    public void RenderedInkAreaMatchesThePigmentTruth()
    {
        // Threshold the rendered image at half the ink contrast and compare the dark-pixel count with
        // the supersampled pigment fraction: the ink outline is where opacity falls to half.
        using var photo = CleanPhoto(4, 60);
        double skin = RenderedImageMeasures.MedianLuminance(photo.Rgb);
        var pig = photo.Masks.Pigment.Span;
        double truthArea = 0;
        foreach (float v in pig)
        {
            truthArea += v;
        }

        double meanOpacityLum = photo.Truth.Dots.Where(d => d.Visible).Average(d => d.Contrast);
        long dark = 0;
        int w = photo.Truth.Width, h = photo.Truth.Height;
        var ids = photo.Truth.Dots.Where(d => d.Visible).ToList();
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double c = 1 - (RenderedImageMeasures.LinearLuminance(photo.Rgb, x, y) / skin);
                if (c > 0.5 * meanOpacityLum)
                {
                    dark++;
                }
            }
        }

        Assert.InRange(dark / truthArea, 0.85, 1.15);
    }

    [Fact]
    public void CoverageEqualsTheSumOfDotAreasOverTheTreatedArea()
    {
        // Dots never overlap (spacing ≥ 1.15·(rᵢ + rⱼ)), so the union area is the sum of the
        // projected ellipse areas π·a·b of visible dots whose outline lies wholly inside V.
        using var photo = CleanPhoto(5, 90);
        var m = photo.Truth.Metrics;
        double ellipses = photo.Truth.Dots.Where(d => d.Visible && d.Counted).Sum(d => Math.PI * d.MajorRadiusPx * d.MinorRadiusPx);
        double expected = ellipses / m.TreatedVisibleAreaPx;
        Assert.InRange(m.Coverage, expected * 0.97, expected * 1.03);
        Assert.InRange(m.Coverage, 0.01, 0.5);
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(60.0)]
    [InlineData(120.0)]
    public void PlacedDensityMatchesTheRequest(double density)
    {
        var scene = ScalpSceneGenerator.Generate(9, new SceneRecipe { Sessions = 1, DensityPerCm2 = [density], Gaps = 2, Clumps = 0 });
        var state = scene.Session(1);
        double area = scene.Treated.AreaMm2 - state.Gaps.Sum(g => g.AreaMm2);
        double measured = state.Dots.Count(d => d.IsPresent) / (area / 100);
        Assert.InRange(measured, density * 0.98, density * 1.02);
    }

    [Fact]
    public void PhotoDensityMatchesTheWorldDensity()
    {
        using var photo = CleanPhoto(6, 80, 800, 600, tilt: 0);
        Assert.InRange(photo.Truth.Metrics.DensityPerCm2, 80 * 0.9, 80 * 1.1);
    }

    [Fact]
    public void LaterSessionAddsDotsAndKeepsIds()
    {
        var scene = ScalpSceneGenerator.Generate(10, new SceneRecipe { Sessions = 3, DensityPerCm2 = [30, 60, 90] });
        var s1 = scene.Session(1).Dots.Select(d => d.Dot.Id).ToHashSet();
        var s2 = scene.Session(2).Dots;
        Assert.True(s1.IsSubsetOf(s2.Select(d => d.Dot.Id)));
        Assert.True(s2.Count(d => d.Dot.Session == 2) > 0.5 * s1.Count);
        Assert.True(scene.Session(3).Dots.Count > s2.Count);
        Assert.True(scene.Session(2).Date.DayNumber - scene.Session(1).Date.DayNumber is >= 10 and <= 14);
    }
}
