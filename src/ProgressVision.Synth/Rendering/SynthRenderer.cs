using ProgressVision.Imaging.Buffers;
using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Randomness;
using ProgressVision.Synth.Scene;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Rendering;

/// <summary>
/// Renders one photo of a scene at a session through a camera pose, with its truth. Deterministic:
/// the same inputs give identical bytes (all randomness is hashed from the scene seed and pixel
/// coordinates, so the row-parallel loops do not depend on scheduling).
/// </summary>
public static class SynthRenderer
{
    /// <summary>Renders the photo and its truth.</summary>
    public static RenderedPhoto Render(ScalpScene scene, int session, CameraPose pose, PhotoConditions conditions, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(pose);
        ArgumentNullException.ThrowIfNull(conditions);
        options ??= RenderOptions.Default;
        var state = scene.Session(session);
        var projection = new PhotoProjection(pose);
        int w = pose.Width, h = pose.Height;
        double mmPerPx = pose.MmPerPx;
        var shader = new SkinShader(scene, state, options.SkinTexture, mmPerPx);
        var masks = new PhotoMasks(w, h);
        using var albedo = new PixelBuffer<float>(w, h, 3, clear: false);
        using var scalpFraction = new PixelBuffer<float>(w, h, 1, clear: false);
        using var oiliness = new PixelBuffer<float>(w, h, 1, clear: false);
        var oilNoise = new ValueNoise(SplitMix64.Mix(scene.Seed ^ 0x011));
        ulong photoSeed = SplitMix64.Mix(scene.Seed ^ ((ulong)session << 40)
            ^ SplitMix64.Mix((ulong)BitConverter.DoubleToInt64Bits(pose.TargetXMm + (7 * pose.TargetYMm) + (13 * pose.RollDegrees) + (17 * pose.Scale))));

        // 1. Skin or background at every pixel, plus region, treated and healing labels.
        Parallel.For(0, h, y =>
        {
            var row = albedo.Row(y);
            var sf = scalpFraction.Row(y);
            var oil = oiliness.Row(y);
            var regions = masks.Regions.Row(y);
            var treated = masks.Treated.Row(y);
            var healing = masks.Healing.Row(y);
            for (int x = 0; x < w; x++)
            {
                var (wx, wy) = projection.ImageToWorldPoint(x, y);
                double sdScalp = scene.Scalp.SignedDistance(wx, wy);
                double f = Math.Clamp(0.5 - (sdScalp / mmPerPx), 0, 1);
                var c = f >= 1 ? shader.Skin(wx, wy) : f <= 0 ? shader.Background(wx, wy) : shader.Background(wx, wy).Lerp(shader.Skin(wx, wy), f);
                row[3 * x] = (float)c.R;
                row[(3 * x) + 1] = (float)c.G;
                row[(3 * x) + 2] = (float)c.B;
                sf[x] = (float)f;
                oil[x] = (float)(options.SkinTexture ? 0.7 + (0.3 * oilNoise.Fractal(wx, wy, 0.5, 3)) : 1.0);
                bool onScalp = sdScalp <= 0;
                regions[x] = onScalp ? RegionLabel.Scalp : RegionLabel.Background;
                treated[x] = (byte)(onScalp && scene.Treated.Contains(wx, wy) ? 1 : 0);
                healing[x] = onScalp ? HealingLabel(state, wx, wy) : (byte)0;
            }
        });

        // 2. Pigment dots (and blowout halos), with the pigment-fraction truth.
        var view = WorldView(projection, w, h, margin: 3);
        var pigmentBits = new ushort[w * h];
        var dotsInView = state.Dots.Where(d => d.Dot.X >= view.MinX && d.Dot.X <= view.MaxX && d.Dot.Y >= view.MinY && d.Dot.Y <= view.MaxY).ToList();
        DotRasterizer.Draw(albedo, pigmentBits, dotsInView, projection, scene.Seed);
        var pig = masks.Pigment.Span;
        for (int i = 0; i < pigmentBits.Length; i++)
        {
            pig[i] = System.Numerics.BitOperations.PopCount(pigmentBits[i]) / (float)(TruthDefinitions.Supersampling * TruthDefinitions.Supersampling);
        }

        // 3. Hair over everything; pixels mostly covered by hair are labelled Hair.
        if (options.Hair)
        {
            new HairRasterizer(w, h).Draw(albedo, masks.HairCoverage, state.Hair, projection, WorldView(projection, w, h, margin: 40), scene.Seed);
            var hc = masks.HairCoverage.Span;
            var reg = masks.Regions.Span;
            for (int i = 0; i < hc.Length; i++)
            {
                if (hc[i] >= TruthDefinitions.HairCoverageThreshold)
                {
                    reg[i] = RegionLabel.Hair;
                }
            }
        }

        // 4. Camera: light, white balance, exposure, blur, noise, sRGB.
        var rgb = CameraResponse.Develop(albedo, scalpFraction, oiliness, conditions, options.CameraEffects, photoSeed);
        // 5. Redness truth: only regions the photo shows (rendered a* rise ≥ the visibility floor) stay labelled.
        var rednessRise = RednessVisibility.Measure(rgb, masks, state, projection);
        RednessVisibility.UnlabelInvisible(masks, state, projection, rednessRise);
        var truth = PhotoTruthBuilder.Build(scene, state, pose, projection, conditions, masks, dotsInView, rednessRise);
        return new RenderedPhoto(rgb, truth, masks, projection, conditions);
    }

    /// <summary>World bounding box (mm) seen by a w×h photo, expanded by <paramref name="margin"/> mm.</summary>
    internal static (double MinX, double MinY, double MaxX, double MaxY) WorldView(PhotoProjection projection, int w, int h, double margin)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i <= 8; i++)
        {
            foreach (var (x, y) in new[] { (i * (w - 1) / 8.0, 0.0), (i * (w - 1) / 8.0, h - 1.0), (0.0, i * (h - 1) / 8.0), (w - 1.0, i * (h - 1) / 8.0) })
            {
                var (wx, wy) = projection.ImageToWorldPoint(x, y);
                minX = Math.Min(minX, wx);
                minY = Math.Min(minY, wy);
                maxX = Math.Max(maxX, wx);
                maxY = Math.Max(maxY, wy);
            }
        }

        return (minX - margin, minY - margin, maxX + margin, maxY + margin);
    }

    private static byte HealingLabel(SessionState state, double x, double y)
    {
        // Priority when regions overlap: blowout > patchy fade > redness.
        byte label = 0;
        foreach (var r in state.Healing)
        {
            if ((byte)r.Kind > label && r.Region.Contains(x, y))
            {
                label = (byte)r.Kind;
            }
        }

        return label;
    }
}
