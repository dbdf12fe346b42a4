using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Scene;

namespace ProgressVision.Analysis.Tests.Metrics;

/// <summary>
/// Synth scenes whose spacing uniformity differs on purpose: the same preset camera and light, with
/// more and more deliberate clumps (clumped dots nearly touch, so nnCv rises with their share).
/// </summary>
public static class SynthUniformityCases
{
    public static readonly int[] ClumpCounts = [0, 30, 80, 160, 320, 600];

    public static RenderedPhoto Render(ulong seed, int clumps, int width = 800, int height = 600)
    {
        var c = SynthCase.Generate(seed, SynthPreset.Easy, width, height);
        var recipe = new SceneRecipe
        {
            Tone = SkinTone.Medium,
            Sessions = 2,
            DensityPerCm2 = [45, 70],
            Clumps = clumps,
            Gaps = 0,
            Hair = HairStyle.Shaved,
            Moles = 0,
            Redness = 0,
            FadePatches = 0,
        };
        var scene = ScalpSceneGenerator.Generate(seed, recipe);
        return SynthRenderer.Render(scene, 1, c.BeforePose, c.BeforeConditions);
    }
}
