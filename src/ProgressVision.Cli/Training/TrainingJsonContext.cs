using System.Text.Json.Serialization;

namespace ProgressVision.Cli.Training;

/// <summary>Source-generated JSON for training artefacts.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(HealingTileSetMeta))]
internal sealed partial class TrainingJsonContext : JsonSerializerContext
{
}
