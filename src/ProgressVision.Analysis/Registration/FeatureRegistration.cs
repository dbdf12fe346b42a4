namespace ProgressVision.Analysis.Registration;

/// <summary>The feature stage's answer: the correspondences tried and the robust fit (null if none).</summary>
internal sealed record FeatureFit(PointPair[] Pairs, RobustHomographyResult? Fit);

/// <summary>
/// Feature stage: match binary features under several rotation hypotheses and keep the best
/// RANSAC fit. The first hypothesis steers every descriptor by its own orientation (any rotation,
/// natural texture); the others steer all AFTER descriptors by one fixed angle in 10° steps up to
/// ±60° (two cameras each rolled up to ±30°), because around a pigment dot the intensity centroid is set by whichever neighbours happen to
/// be near — noise, and new dots between sessions change it.
/// </summary>
internal static class FeatureRegistration
{
    private static readonly float?[] Hypotheses = [null, 0, 10, -10, 20, -20, 30, -30, 40, -40, 50, -50, 60, -60];

    public static FeatureFit Run(ImageLevel before, ImageLevel after, RegistrationOptions options)
    {
        var brief = new OrientedBrief(options.DescriptorSeed);
        FeaturePyramid pb = null!, pa = null!;
        Parallel.Invoke(() => pb = new FeaturePyramid(before.Plane, options), () => pa = new FeaturePyramid(after.Plane, options));
        using (pb)
        using (pa)
        {
            FeatureSet? upright = null;
            var best = new FeatureFit([], null);
            foreach (var hypothesis in Hypotheses)
            {
                // BEFORE's and AFTER's descriptors are independent: computed at once.
                FeatureSet fb = null!, fa = null!;
                BothPhotos.Run(
                    () => fb = hypothesis is null ? pb.Describe(brief, null) : upright ??= pb.Describe(brief, 0f),
                    () => fa = pa.Describe(brief, hypothesis is null ? null : hypothesis.Value * MathF.PI / 180f));
                var candidate = Fit(fa, fb, before, after, options);
                if (Inliers(candidate) > Inliers(best) || (Inliers(candidate) == Inliers(best) && candidate.Pairs.Length > best.Pairs.Length))
                {
                    best = candidate;
                }

                int n = Inliers(best);
                if (n >= 4 * options.MinInliers && n >= 0.3 * best.Pairs.Length)
                {
                    break;
                }
            }

            return best;
        }
    }

    private static int Inliers(FeatureFit f) => f.Fit?.InlierCount ?? 0;

    private static FeatureFit Fit(FeatureSet fa, FeatureSet fb, ImageLevel before, ImageLevel after, RegistrationOptions options)
    {
        var matches = FeatureMatcher.Match(fa, fb, options.RatioTest, options.MaxHammingDistance);
        var pairs = new PointPair[matches.Count];
        for (int i = 0; i < pairs.Length; i++)
        {
            var ka = fa.Keypoints[matches[i].A];
            var kb = fb.Keypoints[matches[i].B];
            var (ax, ay) = after.ToFull.Map(ka.X, ka.Y);
            var (bx, by) = before.ToFull.Map(kb.X, kb.Y);
            pairs[i] = new PointPair(ax, ay, bx, by);
        }

        var fit = pairs.Length < 8 ? null : RobustHomography.Estimate(pairs, options.RansacThresholdPx * before.Scale, options.RansacMaxIterations, similaritySamples: true);
        return new FeatureFit(pairs, fit);
    }
}
