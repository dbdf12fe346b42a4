namespace ProgressVision.Cli.Bench;

/// <summary>One bench line: our best time, the anchor's best time, and their ratio (ours / anchor; below 1 is faster).</summary>
/// <param name="Section">Section name.</param>
/// <param name="Case">What was measured (input size, mode).</param>
/// <param name="OursMs">Our best time in milliseconds.</param>
/// <param name="Anchor">What we compare with (e.g. "djpeg 2.1.5"); null when unavailable.</param>
/// <param name="AnchorMs">Anchor best time in milliseconds; null when unavailable.</param>
/// <param name="Note">How the times were taken.</param>
public sealed record BenchResult(string Section, string Case, double OursMs, string? Anchor, double? AnchorMs, string Note)
{
    /// <summary>ours / anchor, or null without an anchor.</summary>
    public double? Ratio => AnchorMs is > 0 ? OursMs / AnchorMs : null;
}
