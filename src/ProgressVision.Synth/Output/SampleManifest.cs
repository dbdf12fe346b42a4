using System.Text.Json.Serialization;

namespace ProgressVision.Synth.Output;

/// <summary>Index of a sample dataset (<c>manifest.json</c>).</summary>
public sealed record SampleManifest
{
    /// <summary>The command that regenerates the dataset.</summary>
    public required string Generator { get; init; }

    /// <summary>Seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Clients.</summary>
    public required IReadOnlyList<SampleClient> Clients { get; init; }

    /// <summary>Consecutive-session pairs of the same view, with their truth.</summary>
    public required IReadOnlyList<SamplePair> Pairs { get; init; }
}

/// <summary>A client of the sample dataset.</summary>
public sealed record SampleClient(string Name, string SkinTone, string HairStyle, IReadOnlyList<SampleSession> Sessions);

/// <summary>A session with its photos.</summary>
public sealed record SampleSession(int Number, DateOnly Date, IReadOnlyList<SamplePhoto> Photos);

/// <summary>A photo: paths are relative to the manifest.</summary>
public sealed record SamplePhoto(string View, string File, string Truth, double MmPerPx, int Width, int Height);

/// <summary>A BEFORE/AFTER pair of one client and view.</summary>
public sealed record SamplePair(string Client, string View, string Before, string After, string Truth);

/// <summary>Source-generated JSON for the manifest (indented: it is read by people).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SampleManifest))]
public sealed partial class SampleManifestJsonContext : JsonSerializerContext
{
}
