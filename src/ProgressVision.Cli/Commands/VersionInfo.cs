using System.Reflection;

namespace ProgressVision.Cli.Commands;

/// <summary>The program version written into every result.</summary>
public static class VersionInfo
{
    /// <summary>Informational version of the CLI assembly.</summary>
    public static string Current { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
