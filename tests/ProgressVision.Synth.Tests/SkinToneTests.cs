using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Scene;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Tests;

public class SkinToneTests
{
    [Fact]
    public void EveryToneRendersDarkerDotsOnSkinThatDarkensWithTone()
    {
        double previous = double.MaxValue;
        foreach (var tone in Enum.GetValues<SkinTone>())
        {
            var scene = ScalpSceneGenerator.Generate(5, new SceneRecipe { Tone = tone, Sessions = 1, DensityPerCm2 = [50] });
            var pose = new CameraPose { Width = 320, Height = 240, TargetXMm = 90, TargetYMm = 70, BaseMmPerPx = 0.1 };
            using var photo = SynthRenderer.Render(scene, 1, pose, PhotoConditions.Clean, new RenderOptions { Hair = false, CameraEffects = false });
            double skinSum = 0, dotSum = 0;
            int skinN = 0, dotN = 0;
            for (int y = 0; y < 240; y++)
            {
                for (int x = 0; x < 320; x++)
                {
                    double l = RenderedImageMeasures.LinearLuminance(photo.Rgb, x, y);
                    if (photo.Masks.Pigment[x, y] >= 1)
                    {
                        dotSum += l;
                        dotN++;
                    }
                    else if (photo.Masks.Pigment[x, y] == 0 && photo.Masks.Regions[x, y] == RegionLabel.Scalp)
                    {
                        skinSum += l;
                        skinN++;
                    }
                }
            }

            double skin = skinSum / skinN, dot = dotSum / dotN;
            Assert.True(dot < 0.8 * skin, $"{tone}: dots {dot:F4} vs skin {skin:F4}");
            Assert.True(skin < previous, $"{tone} is not darker than the lighter tone");
            previous = skin;
        }
    }
}
