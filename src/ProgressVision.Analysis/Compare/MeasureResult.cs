using System.Text.Json.Serialization;

namespace ProgressVision.Analysis.Compare;

/// <summary>
/// What <c>measure</c> finds on one photo on its own: the current state of the work (coverage, density,
/// uniformity, gaps) when there is no earlier photo to compare with, or when the earlier photo shows
/// the scalp before any work and so shares no texture with it. Same units and conventions as the
/// <c>before</c>/<c>after</c> sections of <see cref="CompareResult"/>.
/// </summary>
public sealed record MeasureResult
{
    /// <summary>Program version that produced the result.</summary>
    public required string Version { get; init; }

    /// <summary>The photo and its SHA-256.</summary>
    public required PhotoInfo Input { get; init; }

    /// <summary>Millimetres per pixel used for densities and gap areas, if given.</summary>
    public double? MmPerPx { get; init; }

    /// <summary>Coverage, density, uniformity and gaps of the photo's treated area.</summary>
    public required PhotoMetrics Photo { get; init; }

    /// <summary>Warnings that do not stop the measurement.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Source-generated JSON for <see cref="MeasureResult"/> (camelCase, indented, nulls written).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(MeasureResult))]
public sealed partial class MeasureResultJsonContext : JsonSerializerContext
{
}
