using System.Text.Json.Serialization;

namespace ProgressVision.Cli.Bench;

/// <summary>Source-generated JSON for bench reports.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<BenchResult>))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
