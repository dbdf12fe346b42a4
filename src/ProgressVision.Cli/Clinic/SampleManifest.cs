using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProgressVision.Cli.Clinic;

/// <summary>The bundled sample dataset's <c>datasets-sample/manifest.json</c> (clients → sessions → photos).</summary>
public sealed record SampleManifest(IReadOnlyList<SampleClient> Clients)
{
    /// <summary>Folder name of the bundled samples.</summary>
    public const string FolderName = "datasets-sample";

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="CliException">Missing or malformed.</exception>
    public static SampleManifest Load(string path)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllText(path), SampleManifestJsonContext.Default.SampleManifest);
            if (manifest?.Clients is null)
            {
                throw new JsonException("no clients");
            }

            return manifest;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: cannot read the sample manifest ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// Finds <c>datasets-sample/manifest.json</c> in the working directory or one of its parents,
    /// or beside the program (so <c>dotnet run</c> from the repository finds it).
    /// </summary>
    public static string? Find()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, FolderName, "manifest.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>A sample client.</summary>
public sealed record SampleClient(string Name, IReadOnlyList<SampleSession> Sessions);

/// <summary>A sample session.</summary>
public sealed record SampleSession(int Number, string Date, IReadOnlyList<SamplePhoto> Photos);

/// <summary>A sample photo (path relative to the manifest) and its scale, when the manifest gives one.</summary>
public sealed record SamplePhoto(string View, string File, double? MmPerPx = null);

/// <summary>Source-generated reader for the manifest (unknown fields ignored).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(SampleManifest))]
public sealed partial class SampleManifestJsonContext : JsonSerializerContext
{
}
