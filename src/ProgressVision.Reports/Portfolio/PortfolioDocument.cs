using ProgressVision.Analysis.Compare;
using ProgressVision.Reports.History;
using ProgressVision.Reports.Images;

namespace ProgressVision.Reports.Portfolio;

/// <summary>A portfolio after the audience rules were applied: only what may be shown is in here.</summary>
public sealed record PortfolioDocument
{
    /// <summary>Who it is for.</summary>
    public required PortfolioAudience Audience { get; init; }

    /// <summary>Client name, or "Client #id" for public portfolios.</summary>
    public required string ClientLabel { get; init; }

    /// <summary>Date the portfolio was made (days-since figures count to it).</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Client notes (internal only).</summary>
    public string? ClientNotes { get; init; }

    /// <summary>Sessions with what may be shown.</summary>
    public required IReadOnlyList<SessionSummary> Sessions { get; init; }

    /// <summary>One section per view.</summary>
    public required IReadOnlyList<ViewSection> Views { get; init; }

    /// <summary>SHA-256 of every original photo shown or measured.</summary>
    public required IReadOnlyList<PhotoHash> Hashes { get; init; }

    /// <summary>Program version.</summary>
    public required string ProgramVersion { get; init; }
}

/// <summary>A session as shown.</summary>
/// <param name="Number">Session number.</param>
/// <param name="Date">Day.</param>
/// <param name="DaysSince">Days from the session to <see cref="PortfolioDocument.AsOf"/>.</param>
/// <param name="Practitioner">Null when hidden or unknown.</param>
/// <param name="Pigment">Null when hidden or unknown.</param>
/// <param name="Notes">Null unless internal.</param>
public sealed record SessionSummary(int Number, DateOnly Date, int DaysSince, string? Practitioner, string? Pigment, string? Notes);

/// <summary>One view: aligned first/latest photos, overlays, measures and charts.</summary>
public sealed record ViewSection
{
    /// <summary>View name.</summary>
    public required string View { get; init; }

    /// <summary>The first session's photo of the view.</summary>
    public required WebImage Before { get; init; }

    /// <summary>The latest photo, warped into BEFORE's frame (null when only one session or not analysed).</summary>
    public WebImage? AlignedAfter { get; init; }

    /// <summary>The latest photo unaligned (when it could not be aligned: not analysed yet).</summary>
    public WebImage? UnalignedAfter { get; init; }

    /// <summary>Session numbers of the two photos.</summary>
    public required int BeforeSession { get; init; }

    /// <summary>Session of the latest photo (equals <see cref="BeforeSession"/> when only one).</summary>
    public required int AfterSession { get; init; }

    /// <summary>Overlay: density heatmap cells in BEFORE photo pixels (x, y, size, 0..1 level).</summary>
    public IReadOnlyList<HeatCell> Heatmap { get; init; } = [];

    /// <summary>Overlay: gap outlines in BEFORE photo pixels.</summary>
    public IReadOnlyList<double[]> Gaps { get; init; } = [];

    /// <summary>Overlay: healing flags (internal only) in BEFORE photo pixels.</summary>
    public IReadOnlyList<HealingFlag> Flags { get; init; } = [];

    /// <summary>BEFORE photo size in its own pixels (overlay coordinates).</summary>
    public required int PhotoWidth { get; init; }

    /// <summary>BEFORE photo height.</summary>
    public required int PhotoHeight { get; init; }

    /// <summary>Measures per session.</summary>
    public required IReadOnlyList<SessionPoint> Points { get; init; }

    /// <summary>Current recommendation.</summary>
    public Recommendation? Recommendation { get; init; }

    /// <summary>Coverage change first → latest, fraction points.</summary>
    public double? CoverageChange { get; init; }
}

/// <summary>A heatmap cell.</summary>
/// <param name="X">Left, px.</param>
/// <param name="Y">Top, px.</param>
/// <param name="Size">Side, px.</param>
/// <param name="Level">0..1 of the maximum density in the view.</param>
/// <param name="DotsPerCell">Dots counted.</param>
public sealed record HeatCell(double X, double Y, double Size, double Level, int DotsPerCell);

/// <summary>A photo's fingerprint.</summary>
/// <param name="Session">Session number.</param>
/// <param name="View">View.</param>
/// <param name="Sha256">SHA-256 of the original file.</param>
public sealed record PhotoHash(int Session, string View, string Sha256);
