namespace ProgressVision.Store.Model;

/// <summary>A client of the clinic.</summary>
/// <param name="Id">Database id.</param>
/// <param name="Name">Display name (any text; unique, case-insensitively).</param>
/// <param name="Notes">Internal notes (never shown in client or public portfolios).</param>
/// <param name="CreatedUtc">When the client was added.</param>
public sealed record Client(long Id, string Name, string? Notes, DateTimeOffset CreatedUtc);

/// <summary>One treatment session of a client.</summary>
/// <param name="Id">Database id.</param>
/// <param name="ClientId">Owning client.</param>
/// <param name="Number">1, 2, 3 … in date order.</param>
/// <param name="Date">Day of the session.</param>
/// <param name="Practitioner">Who did it.</param>
/// <param name="Notes">Internal notes.</param>
/// <param name="Pigment">Pigment used (brand / dilution).</param>
public sealed record TreatmentSession(long Id, long ClientId, int Number, DateOnly Date, string? Practitioner, string? Notes, string? Pigment);

/// <summary>A photo held in the managed library.</summary>
/// <param name="Id">Database id.</param>
/// <param name="SessionId">Session the photo belongs to.</param>
/// <param name="View">Scalp area shown.</param>
/// <param name="Sha256">SHA-256 of the original file's bytes (lower-case hex).</param>
/// <param name="OriginalPath">Where the file was imported from (for the record only).</param>
/// <param name="LibraryFile">Path of the managed copy, relative to the library folder.</param>
/// <param name="Width">Pixels, after EXIF orientation.</param>
/// <param name="Height">Pixels, after EXIF orientation.</param>
/// <param name="CaptureDate">EXIF capture date, when the photo has one.</param>
/// <param name="ImportedUtc">When the photo was imported.</param>
/// <param name="MmPerPx">Scale in millimetres per pixel, when known.</param>
public sealed record PhotoRecord(long Id, long SessionId, PhotoView View, string Sha256, string OriginalPath, string LibraryFile,
    int Width, int Height, DateTimeOffset? CaptureDate, DateTimeOffset ImportedUtc, double? MmPerPx = null);

/// <summary>A consent the client gave (or withdrew).</summary>
/// <param name="Id">Database id.</param>
/// <param name="ClientId">Client.</param>
/// <param name="Scope">What the consent covers.</param>
/// <param name="GrantedUtc">When it was given.</param>
/// <param name="RevokedUtc">When it was withdrawn, if it was.</param>
/// <param name="Note">Free text (e.g. where the signed form is kept).</param>
public sealed record ConsentRecord(long Id, long ClientId, ConsentScope Scope, DateTimeOffset GrantedUtc, DateTimeOffset? RevokedUtc, string? Note)
{
    /// <summary>True while not withdrawn.</summary>
    public bool IsActive => RevokedUtc is null;
}

/// <summary>How the two sessions of an analysed pair relate.</summary>
public enum PairKind
{
    /// <summary>Session n and session n+1.</summary>
    Consecutive,

    /// <summary>The first and the latest session.</summary>
    FirstToLatest,
}

/// <summary>One stored pair analysis.</summary>
/// <param name="Id">Database id.</param>
/// <param name="BeforePhotoId">Earlier photo.</param>
/// <param name="AfterPhotoId">Later photo.</param>
/// <param name="ResultJson">The <c>CompareResult</c> as JSON.</param>
/// <param name="DotsJson">Dot centres (see <c>PairAnalysisOutput</c>) as JSON, for heatmaps.</param>
/// <param name="ModelSha256">Healing model used, if any.</param>
/// <param name="ProgramVersion">Program version that produced it.</param>
/// <param name="CreatedUtc">When it was stored.</param>
public sealed record AnalysisRecord(long Id, long BeforePhotoId, long AfterPhotoId, string ResultJson, string? DotsJson,
    string? ModelSha256, string ProgramVersion, DateTimeOffset CreatedUtc);
