using System.Text.Json.Serialization;
using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Compare;

// The result of comparing two photos of one scalp area from two sessions: the contract between
// Analysis (which fills it), Store (which keeps it as JSON) and Reports (which renders it).
// Schema: docs in README ("result.json"). Coordinates are pixels of the photo after EXIF
// orientation, OpenCV convention (pixel centres at integer coordinates).
// Fields added over time read back from older results without them: the JSON source generator sets
// an absent init-only property to null (not to its initialiser), so lists coalesce null to empty and
// Action falls back on AdditionalSession.

/// <summary>Everything <c>compare</c> measures for one BEFORE/AFTER pair.</summary>
public sealed record CompareResult
{
    /// <summary>Program version that produced the result.</summary>
    public required string Version { get; init; }

    /// <summary>Input files and their SHA-256.</summary>
    public required PhotoPair Inputs { get; init; }

    /// <summary>How AFTER maps onto BEFORE.</summary>
    public required AlignmentReport Alignment { get; init; }

    /// <summary>Measures of the BEFORE photo.</summary>
    public required PhotoMetrics Before { get; init; }

    /// <summary>Measures of the AFTER photo (in AFTER pixel coordinates).</summary>
    public required PhotoMetrics After { get; init; }

    /// <summary>Dot-to-dot change from BEFORE to AFTER.</summary>
    public required DotChangeSummary Change { get; init; }

    /// <summary>Healing flags (empty when no model ran).</summary>
    public IReadOnlyList<HealingFlag> Flags { get; init => field = value ?? []; } = [];

    /// <summary>Hash of the healing model used, if any.</summary>
    public string? ModelSha256 { get; init; }

    /// <summary>Whether another session is advised, with reasons.</summary>
    public required Recommendation Recommendation { get; init; }

    /// <summary>Warnings that do not stop the analysis (e.g. photo taken too soon after a session).</summary>
    public IReadOnlyList<string> Warnings { get; init => field = value ?? []; } = [];
}

/// <summary>The two input photos.</summary>
public sealed record PhotoPair(PhotoInfo Before, PhotoInfo After);

/// <summary>One input photo.</summary>
public sealed record PhotoInfo(string File, string Sha256, int Width, int Height, DateTimeOffset? CaptureDate, int? DaysSinceSession);

/// <summary>Alignment of AFTER onto BEFORE.</summary>
public sealed record AlignmentReport
{
    /// <summary>9 numbers, row-major, mapping AFTER pixel coordinates to BEFORE pixel coordinates.</summary>
    public required double[] Homography { get; init; }

    /// <summary>Feature matches consistent with the homography.</summary>
    public required int Inliers { get; init; }

    /// <summary>Feature matches tried.</summary>
    public int Matches { get; init; }

    /// <summary>RMS reprojection residual of the inliers after refinement, pixels.</summary>
    public required double ResidualPx { get; init; }

    /// <summary>Fraction of the BEFORE image covered by the warped AFTER image.</summary>
    public double Overlap { get; init; }

    /// <summary>Non-rigid correction; supersedes <see cref="Homography"/> when present.</summary>
    public WarpGrid? WarpGrid { get; init; }

    /// <summary>
    /// Set only when the alignment was accepted on structure: the fine texture did not correlate (e.g. a
    /// first session covered the scalp with dots) and the photos reduced to ≤ 200 px (outline, ears,
    /// hairline, shading) correlated this much (−1..1).
    /// </summary>
    public double? StructuralCorrelation { get; init; }
}

/// <summary>
/// BEFORE coordinates of AFTER pixel (c·step, r·step), row-major lists of length cols×rows; null
/// where undefined.
/// </summary>
public sealed record WarpGrid(int Step, int Cols, int Rows, double?[] X, double?[] Y);

/// <summary>Coverage, density and uniformity of one photo's treated area.</summary>
public sealed record PhotoMetrics
{
    /// <summary>Fraction of treated scalp covered by pigment at viewing scale, 0..1.</summary>
    public required double Coverage { get; init; }

    /// <summary>Dots per cm² when the scale is known, else null.</summary>
    public double? DensityPerCm2 { get; init; }

    /// <summary>Dots per 1000 px² (always present).</summary>
    public required double DensityPer1000Px2 { get; init; }

    /// <summary>Number of pigment dots found in the treated area.</summary>
    public required int DotCount { get; init; }

    /// <summary>Treated area, px².</summary>
    public double TreatedAreaPx { get; init; }

    /// <summary>Spacing, size and local-density uniformity.</summary>
    public required Uniformity Uniformity { get; init; }

    /// <summary>Empty patches larger than the gap threshold.</summary>
    public IReadOnlyList<Gap> Gaps { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Dots this photo's detector missed that the pair comparison found: a BEFORE dot's mapped place in AFTER still
    /// holds a dot of its contrast. They are counted in the measures above; 0 for a photo measured on its own.
    /// </summary>
    public int RecoveredDots { get; init; }
}

/// <summary>
/// Uniformity measures: nearest-neighbour distance CV, Clark–Evans R (1 = random, &gt;1 = regular,
/// &lt;1 = clumped; edge corrected), dot-size CV and CV of local density over a 5 mm grid.
/// </summary>
public sealed record Uniformity(double NnCv, double ClarkEvansR, double SizeCv, double LocalDensityCv);

/// <summary>An empty patch: polygon vertices as [x0,y0,x1,y1,...] pixels, and its area.</summary>
public sealed record Gap(double[] Polygon, double AreaPx, double? AreaMm2)
{
    /// <summary>
    /// Diameter of the largest dot-free disc the patch holds (inside the photo), px; null in results stored before
    /// it was measured.
    /// </summary>
    public double? InscribedDiameterPx { get; init; }

    /// <summary>The same in mm (null without a scale).</summary>
    public double? InscribedDiameterMm { get; init; }

    /// <summary>
    /// Whether the patch reaches the photo's edge, so it may go on beyond it and be wider than the photo shows; null in
    /// results stored before it was measured.
    /// </summary>
    public bool? RunsOffFrame { get; init; }
}

/// <summary>Dot-to-dot change counts.</summary>
public sealed record DotChangeSummary(int Retained, int Faded, int Lost, int New, double RetentionRate)
{
    /// <summary>Boxes [x,y,w,h] in BEFORE pixels where faded or lost dots cluster.</summary>
    public IReadOnlyList<double[]> FadeClusters { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Median AFTER/BEFORE contrast of the matched dots: what the photos do to every dot (a softer or noisier
    /// AFTER photo, or an even fade of the whole area, which the photos cannot tell apart). Dots count as faded
    /// against this, not against 1. 1 when too few dots matched; null in results written before it existed.
    /// </summary>
    public double? ContrastTransfer { get; init; }
}

/// <summary>A healing issue: where (box in BEFORE pixels), how sure (score) and why (evidence).</summary>
public sealed record HealingFlag(string Type, double Score, double[] Box, IReadOnlyDictionary<string, double> Evidence)
{
    /// <summary>Free-text note, e.g. when the model and the measures disagree.</summary>
    public string? Note { get; init; }
}

/// <summary>Whether another session is advised.</summary>
public sealed record Recommendation(bool AdditionalSession, double Confidence, IReadOnlyList<string> Reasons)
{
    /// <summary>treat, wait-and-recheck, assess-correction or complete.</summary>
    public string Action { get => field ?? (AdditionalSession ? "treat" : "complete"); init; }

    /// <summary>
    /// The reasons fit for the client: the measured ones (coverage, density, gaps, uniformity, fade
    /// fraction) as in <see cref="Reasons"/>, but healing flags in plain words without model scores or
    /// pixel boxes. Null in results written before it existed (client portfolios then list no reasons).
    /// </summary>
    public IReadOnlyList<string>? ClientReasons { get; init; }

    /// <summary>
    /// The targets the recommendation was judged against (the clinic's, with the client's own density
    /// target if one is set). Null in results written before it existed.
    /// </summary>
    public ClinicTargets? Targets { get; init; }
}

/// <summary>Source-generated JSON for the result model (camelCase, indented, nulls written).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CompareResult))]
public sealed partial class CompareResultJsonContext : JsonSerializerContext
{
}
