using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Scene;

namespace ProgressVision.Synth.Truth;

/// <summary>Computes a photo's truth from the world data and the exact masks (definitions in <see cref="TruthDefinitions"/>).</summary>
internal static class PhotoTruthBuilder
{
    public static PhotoTruth Build(ScalpScene scene, SessionState state, CameraPose pose, PhotoProjection projection, PhotoConditions pc, PhotoMasks masks, IReadOnlyList<SessionDot> dotsInView, double[] rednessRise)
    {
        int w = pose.Width, h = pose.Height;
        var dots = new List<ImageDot>();
        foreach (var sd in dotsInView)
        {
            var g = new DotGeometry(sd, projection, scene.Seed);
            if (g.Cx < -0.5 || g.Cy < -0.5 || g.Cx > w - 0.5 || g.Cy > h - 0.5)
            {
                continue;
            }

            double opacity = sd.Dot.Opacity * sd.OpacityFactor;
            bool visible = sd.IsPresent && opacity >= TruthDefinitions.MinVisibleOpacity;
            int px = Math.Clamp((int)Math.Round(g.Cx, MidpointRounding.AwayFromZero), 0, w - 1);
            int py = Math.Clamp((int)Math.Round(g.Cy, MidpointRounding.AwayFromZero), 0, h - 1);
            bool underHair = masks.Regions[px, py] == RegionLabel.Hair;
            dots.Add(new ImageDot
            {
                Id = sd.Dot.Id,
                X = Math.Round(g.Cx, 5),
                Y = Math.Round(g.Cy, 5),
                DiameterPx = Math.Round(2 * Math.Sqrt(g.Major * g.Minor), 5),
                MajorRadiusPx = Math.Round(g.Major, 5),
                MinorRadiusPx = Math.Round(g.Minor, 5),
                AngleDegrees = Math.Round(g.AngleDeg, 3),
                DiameterMm = Math.Round(2 * sd.RadiusMm * Math.Sqrt(sd.Dot.Aspect), 5),
                Contrast = Math.Round(sd.IsPresent ? DotRasterizer.Contrast(scene.SkinBase, opacity) : 0, 4),
                Condition = ConditionName(sd.Condition),
                PlacedInSession = sd.Dot.Session,
                InClump = sd.Dot.InClump,
                Visible = visible,
                UnderHair = underHair,
                Counted = visible && masks.IsTreatedVisible(px, py),
            });
        }

        var metrics = TruthMetricsCalculator.Compute(dots, masks, projection, pose.MmPerPx);
        var healingCounts = new int[4];
        foreach (byte b in masks.Healing.Span)
        {
            healingCounts[b]++;
        }

        return new PhotoTruth
        {
            Width = w,
            Height = h,
            Session = state.Number,
            Date = state.Date,
            DaysSincePreviousSession = state.DaysSincePreviousSession,
            MmPerPx = pose.MmPerPx,
            SkinTone = scene.Tone.ToString(),
            WorldToImage = projection.WorldToImage.ToArray(),
            CurvatureAmplitudePx = pose.Curvature?.AmplitudePx ?? 0,
            CurvatureCentreAndRadius = pose.Curvature is { } c ? [c.CentreX, c.CentreY, c.RadiusPx] : [],
            PoseRollTiltXTiltYScale = [pose.RollDegrees, pose.TiltXDegrees, pose.TiltYDegrees, pose.Scale],
            Conditions = new PhotoConditionsTruth(pc.ExposureEv, pc.WhiteBalance, pc.GradientStrength, pc.SpecularStrength, pc.BlurSigmaPx, pc.NoiseSigma, pc.JpegQuality),
            Dots = dots,
            Metrics = metrics,
            TreatedPolygon = Project(scene.Treated.Polygon(128), projection),
            GapPolygons = state.Gaps.Select(g => Project(g.Polygon(48), projection)).ToList(),
            Healing = state.Healing.Select((r, i) => new HealingTruth(KindName(r.Kind), r.Strength, Project(r.Region.Polygon(64), projection))
            {
                DeltaAStar = double.IsNaN(rednessRise[i]) ? null : Math.Round(rednessRise[i], 2),
                Visible = r.Kind != HealingKind.Redness || rednessRise[i] >= TruthDefinitions.MinVisibleRednessDeltaA,
            }).ToList(),
            HealingPixelCounts = healingCounts,
        };
    }

    internal static string ConditionName(DotCondition c) => c switch
    {
        DotCondition.Normal => "normal",
        DotCondition.Fresh => "fresh",
        DotCondition.Faded => "faded",
        DotCondition.Lost => "lost",
        DotCondition.Blowout => "blowout",
        _ => c.ToString(),
    };

    internal static string KindName(HealingKind k) => k switch
    {
        HealingKind.Redness => "redness",
        HealingKind.PatchyFade => "patchyFade",
        HealingKind.Blowout => "blowout",
        _ => "healthy",
    };

    private static double[] Project(double[] worldPolygon, PhotoProjection projection)
    {
        var p = new double[worldPolygon.Length];
        for (int i = 0; i < p.Length; i += 2)
        {
            var (x, y) = projection.WorldToImagePoint(worldPolygon[i], worldPolygon[i + 1]);
            p[i] = Math.Round(x, 3);
            p[i + 1] = Math.Round(y, 3);
        }

        return p;
    }
}
