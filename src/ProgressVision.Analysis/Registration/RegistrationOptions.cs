namespace ProgressVision.Analysis.Registration;

/// <summary>Tuning of <see cref="ScalpRegistration"/>. Defaults suit 1–12 MP scalp photos.</summary>
public sealed record RegistrationOptions
{
    /// <summary>Default options.</summary>
    public static RegistrationOptions Default { get; } = new();

    /// <summary>
    /// Features are found on the photo halved until its longer side is at most this many pixels
    /// (speed: a 12 MP photo is matched at about 1000 px).
    /// </summary>
    public int FeatureMaxDimension { get; init; } = 1400;

    /// <summary>
    /// Intensity refinement runs down to the pyramid level whose longer side is at most this
    /// (full resolution for photos up to this size).
    /// </summary>
    public int RefineMaxDimension { get; init; } = 2100;

    /// <summary>Keypoints kept per photo over all scales.</summary>
    public int MaxKeypoints { get; init; } = 2500;

    /// <summary>Scale levels for features, each 2^(1/3) smaller than the previous.</summary>
    public int FeatureScaleLevels { get; init; } = 7;

    /// <summary>Lowe ratio: best Hamming distance must be below this fraction of the second best.</summary>
    public double RatioTest { get; init; } = 0.9;

    /// <summary>Largest Hamming distance (of 256 bits) accepted for a match.</summary>
    public int MaxHammingDistance { get; init; } = 90;

    /// <summary>RANSAC inlier threshold in feature-level pixels.</summary>
    public double RansacThresholdPx { get; init; } = 3.0;

    /// <summary>RANSAC iteration cap.</summary>
    public int RansacMaxIterations { get; init; } = 1000;

    /// <summary>Fewer homography inliers than this means the photos do not show the same area.</summary>
    public int MinInliers { get; init; } = 15;

    /// <summary>A smaller inlier ratio than this means the photos do not show the same area.</summary>
    public double MinInlierRatio { get; init; } = 0.06;

    /// <summary>A smaller fraction of BEFORE covered by AFTER than this fails the alignment.</summary>
    public double MinOverlap { get; init; } = 0.15;

    /// <summary>
    /// Correlation of the aligned, illumination-normalised photos (measured at ≤ 800 px, see
    /// <see cref="Alignment.Quality"/>) below this fails the alignment (a last guard against a
    /// plausible but wrong transform).
    /// </summary>
    public double MinCorrelation { get; init; } = 0.2;

    /// <summary>
    /// When <see cref="MinCorrelation"/> is not reached (the fine texture changed between sessions), the
    /// alignment is still accepted if the structural correlation (photos at ≤ 200 px, see
    /// <see cref="Alignment.StructuralQuality"/>) reaches this and the feature evidence is strong
    /// (<see cref="StructuralMinInliers"/>, <see cref="StructuralMinInlierRatio"/>).
    /// </summary>
    public double MinStructuralCorrelation { get; init; } = 0.25;

    /// <summary>Inliers an alignment accepted on structure alone needs (stricter than <see cref="MinInliers"/>).</summary>
    public int StructuralMinInliers { get; init; } = 20;

    /// <summary>Inlier ratio an alignment accepted on structure alone needs (stricter than <see cref="MinInlierRatio"/>).</summary>
    public double StructuralMinInlierRatio { get; init; } = 0.15;

    /// <summary>Estimate the smooth non-rigid correction (head curvature) when it helps.</summary>
    public bool NonRigid { get; init; } = true;

    /// <summary>Node spacing of the non-rigid grid in refinement-level pixels.</summary>
    public int GridStepPx { get; init; } = 40;

    /// <summary>Seed of the binary descriptor's sampling pattern (fixed so results are reproducible).</summary>
    public int DescriptorSeed { get; init; } = 0x5EED;
}
