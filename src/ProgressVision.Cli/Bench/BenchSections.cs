namespace ProgressVision.Cli.Bench;

/// <summary>Every bench section, in report order. Add yours with one line.</summary>
public static class BenchSections
{
    /// <summary>All sections.</summary>
    public static IReadOnlyList<IBenchSection> All { get; } =
    [
        new JpegDecodeBench(),
        .. FilterBench.Sections,
        .. AlignmentBench.Sections,
        new DotBench(),
        .. HealingBench.Sections,
        new EndToEndBench(),
    ];
}
