namespace ProgressVision.Cli.Interaction;

/// <summary>
/// All console output goes through this, so commands never write to <see cref="Console"/> directly:
/// rich (Spectre.Console) on a terminal, plain lines when redirected, captured in tests.
/// </summary>
public interface IConsoleInteraction
{
    /// <summary>True when output is a terminal that can show progress bars and tables.</summary>
    bool IsInteractive { get; }

    /// <summary>A line of normal output (stdout).</summary>
    void Line(string text);

    /// <summary>A warning (stderr).</summary>
    void Warning(string text);

    /// <summary>An error (stderr).</summary>
    void Error(string text);

    /// <summary>A table: header and rows (plain text is tab-separated).</summary>
    void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows);

    /// <summary>Runs <paramref name="work"/> with a progress reporter (fraction 0..1 and a status).</summary>
    T Progress<T>(string title, Func<IProgress<(double Fraction, string Status)>, T> work);
}
