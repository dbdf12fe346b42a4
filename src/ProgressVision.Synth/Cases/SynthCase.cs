using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Randomness;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Scene;

namespace ProgressVision.Synth.Cases;

/// <summary>
/// One synthetic test case: a scene, two sessions and the camera for each photo, all drawn from a seed.
/// <see cref="Render"/> produces the photos and the truth. Everything is deterministic in the seed.
/// </summary>
public sealed record SynthCase
{
    /// <summary>Case name (preset and seed).</summary>
    public required string Name { get; init; }

    /// <summary>The seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The preset.</summary>
    public required SynthPreset Preset { get; init; }

    /// <summary>The world.</summary>
    public required ScalpScene Scene { get; init; }

    /// <summary>BEFORE session number.</summary>
    public required int BeforeSession { get; init; }

    /// <summary>AFTER session number (later than BEFORE).</summary>
    public required int AfterSession { get; init; }

    /// <summary>BEFORE camera.</summary>
    public required CameraPose BeforePose { get; init; }

    /// <summary>AFTER camera.</summary>
    public required CameraPose AfterPose { get; init; }

    /// <summary>BEFORE light and camera response.</summary>
    public required PhotoConditions BeforeConditions { get; init; }

    /// <summary>AFTER light and camera response.</summary>
    public required PhotoConditions AfterConditions { get; init; }

    /// <summary>Generates a case of <paramref name="width"/>×<paramref name="height"/> photos.</summary>
    public static SynthCase Generate(ulong seed, SynthPreset preset = SynthPreset.Mixed, int width = 1200, int height = 900)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 64);
        var rng = SplitMix64.ForStream(seed, 1000 + (ulong)preset);
        var recipe = CaseGenerator.WithEvenness(CaseGenerator.Recipe(ref rng, preset), seed, preset);
        var scene = ScalpSceneGenerator.Generate(seed, recipe);

        // Look at a point well inside the treated area; AFTER looks at nearly the same point.
        var t = scene.Treated;
        double ang = rng.Uniform(0, 2 * Math.PI), rad = rng.Uniform(0, 0.45) * t.Radius;
        double tx = t.CentreX + (rad * Math.Cos(ang) * t.Aspect), ty = t.CentreY + (rad * Math.Sin(ang));
        bool curved = preset == SynthPreset.Curved;
        var before = CaseGenerator.Pose(ref rng, preset, width, height, tx, ty, curved);
        double shift = preset == SynthPreset.Easy ? 3 : 8;
        var after = CaseGenerator.Pose(ref rng, preset, width, height, tx + rng.Uniform(-shift, shift), ty + rng.Uniform(-shift, shift), curved);
        if (preset == SynthPreset.NoOverlap)
        {
            // Opposite sides of the treated area, farther apart than both fields of view together.
            double span = (before.MmPerPx * Math.Max(width, height)) + (after.MmPerPx * Math.Max(width, height));
            double bx = t.CentreX - (0.5 * span) - 2, ax = t.CentreX + (0.5 * span) + 2;
            before = before with { TargetXMm = bx, TargetYMm = t.CentreY + rng.Uniform(-10, 10) };
            after = after with { TargetXMm = ax, TargetYMm = t.CentreY + rng.Uniform(-10, 10) };
        }

        int beforeSession = 1 + rng.NextInt(scene.Sessions.Count - 1);
        int afterSession = beforeSession + 1;
        return new SynthCase
        {
            Name = $"{preset.ToString().ToLowerInvariant()}-{seed}",
            Seed = seed,
            Preset = preset,
            Scene = scene,
            BeforeSession = beforeSession,
            AfterSession = afterSession,
            BeforePose = before,
            AfterPose = after,
            BeforeConditions = CaseGenerator.Conditions(ref rng, preset),
            AfterConditions = CaseGenerator.Conditions(ref rng, preset),
        };
    }

    /// <summary>Renders both photos and the truth.</summary>
    public SynthPair Render(RenderOptions? options = null)
    {
        var before = SynthRenderer.Render(Scene, BeforeSession, BeforePose, BeforeConditions, options);
        try
        {
            var after = SynthRenderer.Render(Scene, AfterSession, AfterPose, AfterConditions, options);
            return new SynthPair(this, before, after);
        }
        catch
        {
            before.Dispose();
            throw;
        }
    }
}
