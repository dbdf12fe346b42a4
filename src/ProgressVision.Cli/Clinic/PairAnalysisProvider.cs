using System.Reflection;
using ProgressVision.Analysis.Compare;

namespace ProgressVision.Cli.Clinic;

/// <summary>
/// Finds the pair analysis (<c>compare</c>) that <c>analyze</c> runs: the built-in pipeline, or an
/// alternative named by <c>PROGRESSVISION_PAIR_ANALYSIS=ASSEMBLY_PATH;TYPE_NAME</c> (a research
/// build of the pipeline, or a test's instrumented one). Returns null when neither is available.
/// </summary>
public static class PairAnalysisProvider
{
    /// <summary>Environment variable naming an alternative analysis: <c>path/to/assembly.dll;Namespace.Type</c>.</summary>
    public const string Variable = "PROGRESSVISION_PAIR_ANALYSIS";

    /// <summary>
    /// The built-in pipeline's factory. Set once by the pipeline's registration (null until the
    /// <c>compare</c> pipeline is part of this build).
    /// </summary>
    public static Func<IPairAnalysis>? BuiltIn { get; set; }

    /// <summary>Creates the analysis to run, or null when none is available.</summary>
    /// <exception cref="CliException">The variable names something that cannot be loaded.</exception>
    public static IPairAnalysis? Create()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } spec)
        {
            var parts = spec.Split(';', 2);
            if (parts.Length != 2)
            {
                throw new CliException(ExitCodes.Usage, $"{Variable}='{spec}': expected ASSEMBLY_PATH;TYPE_NAME.");
            }

            try
            {
                var type = Assembly.LoadFrom(parts[0]).GetType(parts[1], throwOnError: true)!;
                return Activator.CreateInstance(type) as IPairAnalysis
                       ?? throw new CliException(ExitCodes.Usage, $"{Variable}: {parts[1]} does not implement IPairAnalysis.");
            }
            catch (Exception ex) when (ex is IOException or BadImageFormatException or TypeLoadException or MissingMethodException or TargetInvocationException)
            {
                throw new CliException(ExitCodes.Usage, $"{Variable}='{spec}': cannot load the analysis ({ex.Message}).", ex);
            }
        }

        return BuiltIn?.Invoke();
    }
}
