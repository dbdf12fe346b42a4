using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ProgressVision.Analysis.Compare;

namespace ProgressVision.Cli.Commands;

/// <summary>The program version written into every result.</summary>
public static class VersionInfo
{
    /// <summary>Informational version of the CLI assembly.</summary>
    public static string Current { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// The version a stored analysis is recorded with, and kept by <c>analyze</c> only while it is unchanged:
    /// <see cref="Current"/> plus a fingerprint of the code that computes results (the pipeline's own assembly and the
    /// analysis, imaging and ONNX layers). The version number changes only at releases, while flag rules, thresholds and
    /// detectors change between them; a stored result from other code is redone rather than shown as current.
    /// </summary>
    /// <remarks>
    /// The fingerprint is over the assemblies' module version ids, which deterministic builds derive from their
    /// contents: the same source built the same way gives the same ids, and any change to the code gives new ones (a
    /// build in another folder may too, which costs a re-analysis, never a stale result).
    /// </remarks>
    public static string ForAnalysis(IPairAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var modules = new[]
            {
                analysis.GetType().Assembly,
                typeof(PairAnalyzer).Assembly,
                typeof(Imaging.Buffers.PixelBuffer<>).Assembly,
                typeof(Onnx.InferenceSession).Assembly,
            }
            .Distinct()
            .Select(a => a.ManifestModule.ModuleVersionId.ToString("N"))
            .Order(StringComparer.Ordinal);
        string fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(",", modules))))[..12];
        return $"{Current}+analysis.{fingerprint}";
    }
}
