using System.Text.Json.Serialization;

namespace ProgressVision.Cli.Evaluation;

/// <summary>Source-generated JSON for <c>evaluate --format json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(AccuracyReport))]
public sealed partial class AccuracyJsonContext : JsonSerializerContext
{
}
