using System.Text.Json.Serialization;
using ProgressVision.Analysis.Compare;

namespace ProgressVision.Cli.Json;

// --format json output of the clinic commands. Stable field names (camelCase); add fields, never rename.

/// <summary>A client.</summary>
public sealed record ClientJson(long Id, string Name, string? Notes, DateTimeOffset Created, int Sessions);

/// <summary>A photo.</summary>
public sealed record PhotoJson(string View, string Sha256, string OriginalPath, string LibraryFile, int Width, int Height, DateTimeOffset? CaptureDate, double? MmPerPx);

/// <summary>A session with its photos.</summary>
public sealed record SessionJson(int Number, DateOnly Date, string? Practitioner, string? Notes, string? Pigment, IReadOnlyList<PhotoJson> Photos);

/// <summary>A consent.</summary>
public sealed record ConsentJson(string Scope, DateTimeOffset Granted, DateTimeOffset? Revoked, string? Note);

/// <summary>A stored pair analysis.</summary>
public sealed record AnalysisJson(string View, int BeforeSession, int AfterSession, string BeforeSha256, string AfterSha256,
    string ProgramVersion, string? ModelSha256, DateTimeOffset Created, CompareResult Result);

/// <summary><c>client show</c> and <c>export</c>: everything about one client.</summary>
public sealed record ClientExportJson(int FormatVersion, string ProgramVersion, ClientJson Client, IReadOnlyList<ConsentJson> Consents,
    IReadOnlyList<SessionJson> Sessions, IReadOnlyList<AnalysisJson> Analyses);

/// <summary>One row of <c>status</c>: a view at a session.</summary>
public sealed record SessionStatusJson(int Session, DateOnly Date, int DaysSince, double? Coverage, double? Density, string DensityUnit,
    double? SpacingCv, double? ClarkEvansR, int? DotCount, IReadOnlyList<string> Flags);

/// <summary><c>status</c> of one view.</summary>
public sealed record ViewStatusJson(string View, IReadOnlyList<SessionStatusJson> Sessions, double? CoverageChange, double? DensityChange,
    Recommendation? Recommendation, int PairsAnalysed, int PairsPlanned);

/// <summary><c>status</c> of one client.</summary>
public sealed record StatusJson(ClientJson Client, DateOnly AsOf, IReadOnlyList<ViewStatusJson> Views);

/// <summary>One line of <c>analyze</c> output.</summary>
public sealed record AnalyzedPairJson(string View, int BeforeSession, int AfterSession, string Kind, string Outcome, string? Error);

/// <summary><c>analyze</c> summary.</summary>
public sealed record AnalyzeJson(string Client, int Planned, int Analysed, int Skipped, int Failed, IReadOnlyList<AnalyzedPairJson> Pairs);

/// <summary>A written file (portfolio, guide, demo).</summary>
public sealed record WrittenFileJson(string Client, string Kind, string Path);

/// <summary>Source-generated serializer for clinic output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ClientJson))]
[JsonSerializable(typeof(IReadOnlyList<ClientJson>))]
[JsonSerializable(typeof(SessionJson))]
[JsonSerializable(typeof(ClientExportJson))]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(AnalyzeJson))]
[JsonSerializable(typeof(IReadOnlyList<WrittenFileJson>))]
[JsonSerializable(typeof(IReadOnlyList<DotCentre>))]
public sealed partial class ClinicJsonContext : JsonSerializerContext
{
}
