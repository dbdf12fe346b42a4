using ProgressVision.Analysis.Compare;

namespace ProgressVision.Reports.History;

/// <summary>
/// Everything a report needs about one client, independent of where it is stored: sessions, the
/// photos (as verified files), and the stored pair analyses.
/// </summary>
public sealed record ClientHistory
{
    /// <summary>Client display name (user text: always escaped when rendered).</summary>
    public required string ClientName { get; init; }

    /// <summary>Short stable id (for file names and public portfolios).</summary>
    public required long ClientId { get; init; }

    /// <summary>Internal notes about the client.</summary>
    public string? ClientNotes { get; init; }

    /// <summary>Sessions in number order.</summary>
    public required IReadOnlyList<SessionEntry> Sessions { get; init; }

    /// <summary>Stored pair analyses.</summary>
    public required IReadOnlyList<PairEntry> Pairs { get; init; }

    /// <summary>Active consent scopes (internal, client-review, public-portfolio).</summary>
    public IReadOnlyList<string> Consents { get; init; } = [];
}

/// <summary>One session.</summary>
/// <param name="Number">1, 2, … in date order.</param>
/// <param name="Date">Day of the session.</param>
/// <param name="Practitioner">Who did it.</param>
/// <param name="Notes">Internal notes.</param>
/// <param name="Pigment">Pigment used.</param>
/// <param name="Photos">Photos taken at the session.</param>
public sealed record SessionEntry(int Number, DateOnly Date, string? Practitioner, string? Notes, string? Pigment, IReadOnlyList<PhotoEntry> Photos);

/// <summary>One photo.</summary>
/// <param name="View">View name (front, top, crown, left, right, custom:…).</param>
/// <param name="Sha256">SHA-256 of the original file.</param>
/// <param name="File">The managed copy to read pixels from.</param>
/// <param name="CaptureDate">EXIF capture date, when known.</param>
/// <param name="Width">Pixels after orientation.</param>
/// <param name="Height">Pixels after orientation.</param>
public sealed record PhotoEntry(string View, string Sha256, string File, DateTimeOffset? CaptureDate, int Width, int Height);

/// <summary>One analysed BEFORE/AFTER pair.</summary>
/// <param name="View">View name.</param>
/// <param name="BeforeSession">Session number of BEFORE.</param>
/// <param name="AfterSession">Session number of AFTER.</param>
/// <param name="Result">The measurements.</param>
/// <param name="BeforeDots">Dot centres in BEFORE pixels (may be empty).</param>
/// <param name="AfterDots">Dot centres in AFTER pixels (may be empty).</param>
public sealed record PairEntry(string View, int BeforeSession, int AfterSession, CompareResult Result, IReadOnlyList<DotCentre> BeforeDots, IReadOnlyList<DotCentre> AfterDots);
