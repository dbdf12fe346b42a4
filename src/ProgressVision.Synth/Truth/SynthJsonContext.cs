using System.Text.Json.Serialization;

namespace ProgressVision.Synth.Truth;

/// <summary>Source-generated JSON for truth files (camelCase, compact: dot lists are long).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(CaseTruth))]
[JsonSerializable(typeof(PhotoTruth))]
[JsonSerializable(typeof(PairTruth))]
public sealed partial class SynthJsonContext : JsonSerializerContext
{
}
