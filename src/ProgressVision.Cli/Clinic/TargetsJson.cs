using System.Text.Json;
using System.Text.Json.Serialization;
using ProgressVision.Analysis.Healing;
using ProgressVision.Store;

namespace ProgressVision.Cli.Clinic;

/// <summary>Reads and writes <see cref="ClinicTargets"/> as JSON, and finds the targets that apply to a client.</summary>
public static class TargetsJson
{
    /// <summary>Parses targets from JSON (absent fields keep their defaults) and checks their ranges.</summary>
    /// <param name="json">The document.</param>
    /// <param name="source">Where it came from, for error messages (a file name, or the store).</param>
    /// <exception cref="CliException">Not valid JSON, an unknown field, or a value out of range (exit code: bad input).</exception>
    public static ClinicTargets Parse(string json, string source)
    {
        ClinicTargets? targets;
        try
        {
            targets = JsonSerializer.Deserialize(json, TargetsDocumentJsonContext.Default.TargetsDocument)?.ToTargets();
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.BadInput, $"{source}: not valid targets JSON ({ex.Message})");
        }

        if (targets is null)
        {
            throw new CliException(ExitCodes.BadInput, $"{source}: not valid targets JSON (null)");
        }

        Check(targets, source, ExitCodes.BadInput);
        return targets;
    }

    /// <summary>Reads a targets file.</summary>
    /// <exception cref="CliException">Missing, unreadable or invalid.</exception>
    public static ClinicTargets ReadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot read the file (" + ex.Message + ")")}");
        }

        return Parse(json, path);
    }

    /// <summary>The targets as indented JSON.</summary>
    public static string Write(ClinicTargets targets) => JsonSerializer.Serialize(TargetsDocument.Of(targets), TargetsDocumentJsonContext.Default.TargetsDocument);

    /// <summary>Refuses targets with values outside their meaningful range, naming every such field.</summary>
    /// <exception cref="CliException">At least one value is out of range (with <paramref name="exitCode"/>).</exception>
    public static void Check(ClinicTargets targets, string source, int exitCode)
    {
        var problems = targets.Problems();
        if (problems.Count > 0)
        {
            throw new CliException(exitCode, $"{source}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>The clinic's stored targets, or the defaults when none are stored.</summary>
    /// <exception cref="StoreException">The stored document is damaged.</exception>
    public static ClinicTargets ForClinic(ClinicStore store)
    {
        string? json = store.GetClinicTargetsJson();
        if (json is null)
        {
            return ClinicTargets.Default;
        }

        try
        {
            return Parse(json, store.DatabasePath);
        }
        catch (CliException ex)
        {
            throw new StoreException(StoreProblem.Corrupt, $"{ex.Message}; run `progressvision targets reset` and set them again.");
        }
    }

    /// <summary>The targets that apply to one client: the clinic's, with the client's own density target if set.</summary>
    public static ClinicTargets ForClient(ClinicStore store, long clientId)
    {
        var clinic = ForClinic(store);
        return store.GetClientTargetDensity(clientId) is double d ? clinic with { TargetDensityPerCm2 = d } : clinic;
    }
}

/// <summary>
/// The targets as a JSON document: every field optional (an absent one keeps its default). A separate
/// type because the JSON source generator sets every init-only property of a record it creates, so an
/// absent field would become 0 instead of keeping <see cref="ClinicTargets"/>' default.
/// </summary>
public sealed record TargetsDocument(
    double? TargetDensityPerCm2 = null,
    double? TargetCoverage = null,
    double? MaxGapAreaMm2 = null,
    double? MaxGapAreaPx = null,
    double? MaxLocalDensityCv = null,
    double? MaxFadedFraction = null,
    int? MinDaysToJudgeFade = null,
    int? RednessWindowDays = null)
{
    /// <summary>Every value of <paramref name="t"/>.</summary>
    public static TargetsDocument Of(ClinicTargets t) => new(
        t.TargetDensityPerCm2, t.TargetCoverage, t.MaxGapAreaMm2, t.MaxGapAreaPx, t.MaxLocalDensityCv, t.MaxFadedFraction, t.MinDaysToJudgeFade, t.RednessWindowDays);

    /// <summary>The defaults with the document's values over them.</summary>
    public ClinicTargets ToTargets()
    {
        var d = ClinicTargets.Default;
        return d with
        {
            TargetDensityPerCm2 = TargetDensityPerCm2 ?? d.TargetDensityPerCm2,
            TargetCoverage = TargetCoverage ?? d.TargetCoverage,
            MaxGapAreaMm2 = MaxGapAreaMm2 ?? d.MaxGapAreaMm2,
            MaxGapAreaPx = MaxGapAreaPx ?? d.MaxGapAreaPx,
            MaxLocalDensityCv = MaxLocalDensityCv ?? d.MaxLocalDensityCv,
            MaxFadedFraction = MaxFadedFraction ?? d.MaxFadedFraction,
            MinDaysToJudgeFade = MinDaysToJudgeFade ?? d.MinDaysToJudgeFade,
            RednessWindowDays = RednessWindowDays ?? d.RednessWindowDays,
        };
    }
}

/// <summary>Source-generated JSON for <see cref="TargetsDocument"/> (camelCase; unknown fields refused, so a misspelt target is not silently ignored).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TargetsDocument))]
public sealed partial class TargetsDocumentJsonContext : JsonSerializerContext
{
}
