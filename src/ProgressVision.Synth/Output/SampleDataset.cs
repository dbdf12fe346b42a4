using System.Text.Json;
using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Randomness;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Scene;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Output;

/// <summary>
/// The committed sample dataset: three clients (light skin shaved; dark skin with long sides, hard
/// light; tan skin with healing issues and scalp curvature), each with 2–3 sessions 10–14 days apart
/// and two views (crown, top) per session, with per-photo truth, masks and pair truth.
/// </summary>
public static class SampleDataset
{
    /// <summary>The documented command that regenerates <c>datasets-sample/</c>.</summary>
    public const string Command = "dotnet run --project src/ProgressVision.Cli -c Release -- synth --sample --out datasets-sample --seed 2026";

    private sealed record ClientPlan(string Name, SceneRecipe Recipe, SynthPreset Conditions, bool Curved);

    /// <summary>Renders and writes the dataset; returns the manifest.</summary>
    public static SampleManifest Write(string directory, ulong seed, PhotoFileFormat format, int width = 1200, int height = 900, IProgress<string>? progress = null)
    {
        Directory.CreateDirectory(directory);
        var plans = new[]
        {
            new ClientPlan("client-a", new SceneRecipe { Tone = SkinTone.Light, Sessions = 3, DensityPerCm2 = [35, 65, 85], Hair = HairStyle.Shaved, HairColourIndex = 1, Redness = 0.25, FadePatches = 0, Gaps = 2, Clumps = 2, FirstSession = new DateOnly(2026, 2, 9) }, SynthPreset.Easy, false),
            new ClientPlan("client-b", new SceneRecipe { Tone = SkinTone.VeryDark, Sessions = 2, DensityPerCm2 = [45, 90], Hair = HairStyle.LongSides, HairColourIndex = 0, DotOpacity = 0.8, Redness = 0.2, FadePatches = 1, Gaps = 1, Clumps = 3, FirstSession = new DateOnly(2026, 4, 20) }, SynthPreset.Hard, false),
            new ClientPlan("client-c", new SceneRecipe { Tone = SkinTone.Tan, Sessions = 3, DensityPerCm2 = [30, 60, 80], Hair = HairStyle.Shaved, HairColourIndex = 4, Redness = 0.6, FadePatches = 1, BlowoutPatches = 1, Gaps = 2, Clumps = 2, FirstSession = new DateOnly(2026, 6, 1) }, SynthPreset.Mixed, true),
        };

        var clients = new List<SampleClient>();
        var pairs = new List<SamplePair>();
        for (int ci = 0; ci < plans.Length; ci++)
        {
            var plan = plans[ci];
            ulong clientSeed = SplitMix64.Mix(seed + (ulong)ci);
            var scene = ScalpSceneGenerator.Generate(clientSeed, plan.Recipe);
            var rng = SplitMix64.ForStream(clientSeed, 9000);
            var t = scene.Treated;
            var views = new (string Name, double X, double Y)[]
            {
                ("crown", t.CentreX + rng.Uniform(8, 18), t.CentreY + rng.Uniform(5, 12)),
                ("top", t.CentreX - rng.Uniform(15, 25), t.CentreY - rng.Uniform(5, 12)),
            };
            string dir = Path.Combine(directory, plan.Name);
            var sessions = new List<SampleSession>();
            var rendered = new Dictionary<(int Session, string View), RenderedPhoto>();
            try
            {
                foreach (var s in scene.Sessions)
                {
                    var photos = new List<SamplePhoto>();
                    foreach (var v in views)
                    {
                        var pose = CaseGenerator.Pose(ref rng, plan.Conditions == SynthPreset.Easy ? SynthPreset.Easy : SynthPreset.Mixed, width, height,
                            v.X + rng.Uniform(-4, 4), v.Y + rng.Uniform(-4, 4), plan.Curved);
                        var conditions = CaseGenerator.Conditions(ref rng, plan.Conditions);
                        progress?.Report($"{plan.Name} session {s.Number} {v.Name}");
                        var photo = SynthRenderer.Render(scene, s.Number, pose, conditions);
                        rendered[(s.Number, v.Name)] = photo;
                        string stem = $"s{s.Number}-{v.Name}";
                        var truth = CaseWriter.WritePhoto(photo, dir, stem, format);
                        photos.Add(new SamplePhoto(v.Name, $"{plan.Name}/{truth.MaskFiles!["photo"]}", $"{plan.Name}/{stem}.truth.json", Math.Round(pose.MmPerPx, 6), width, height));
                    }

                    sessions.Add(new SampleSession(s.Number, s.Date, photos));
                }

                for (int s = 1; s < scene.Sessions.Count; s++)
                {
                    foreach (var v in views)
                    {
                        var pair = PairTruthBuilder.Build(rendered[(s, v.Name)], rendered[(s + 1, v.Name)]);
                        string file = $"pair-{v.Name}-s{s}-s{s + 1}.truth.json";
                        File.WriteAllText(Path.Combine(dir, file), JsonSerializer.Serialize(pair, SynthJsonContext.Default.PairTruth));
                        string ext = PhotoEncoding.Extension(format);
                        pairs.Add(new SamplePair(plan.Name, v.Name, $"{plan.Name}/s{s}-{v.Name}{ext}", $"{plan.Name}/s{s + 1}-{v.Name}{ext}", $"{plan.Name}/{file}"));
                    }
                }
            }
            finally
            {
                foreach (var p in rendered.Values)
                {
                    p.Dispose();
                }
            }

            clients.Add(new SampleClient(plan.Name, scene.Tone.ToString(), plan.Recipe.Hair.ToString(), sessions));
        }

        var manifest = new SampleManifest { Generator = Command, Seed = seed, Clients = clients, Pairs = pairs };
        File.WriteAllText(Path.Combine(directory, "manifest.json"), JsonSerializer.Serialize(manifest, SampleManifestJsonContext.Default.SampleManifest));
        return manifest;
    }
}
