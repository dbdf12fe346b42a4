using System.Text.Json.Serialization;
using ProgressVision.Analysis.Compare;

namespace ProgressVision.Cli.Clinic;

/// <summary>The dot centres stored beside an analysis (the analyses.dots_json column).</summary>
public sealed record StoredDots(IReadOnlyList<DotCentre> Before, IReadOnlyList<DotCentre> After);

/// <summary>Compact source-generated JSON for <see cref="StoredDots"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredDots))]
public sealed partial class StoredDotsJsonContext : JsonSerializerContext
{
}
