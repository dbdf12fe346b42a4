namespace ProgressVision.Cli.Bench;

/// <summary>
/// One section of <c>progressvision bench</c>: times our implementation against an anchor (a reference
/// tool or library doing the same job) and reports both. Add a section by implementing this and
/// adding one line to <see cref="BenchSections.All"/>.
/// </summary>
public interface IBenchSection
{
    /// <summary>Short name used on the command line (<c>--section</c>) and in the report.</summary>
    string Name { get; }

    /// <summary>Runs the measurement.</summary>
    BenchResult Run(BenchContext context);
}
