using Spectre.Console;

namespace ProgressVision.Cli.Interaction;

/// <summary>Chooses rich or plain console output.</summary>
public static class ConsoleInteraction
{
    /// <summary>Rich output on a terminal, plain when stdout is redirected or NO_COLOR/CI is set.</summary>
    public static IConsoleInteraction Create()
    {
        bool plain = Console.IsOutputRedirected
                     || Environment.GetEnvironmentVariable("NO_COLOR") is not null
                     || Environment.GetEnvironmentVariable("CI") is not null;
        return plain ? new PlainConsoleInteraction(Console.Out, Console.Error) : new RichConsoleInteraction();
    }
}

/// <summary>Plain text: one line per message, tab-separated tables, progress as occasional lines on stderr.</summary>
public sealed class PlainConsoleInteraction(TextWriter stdout, TextWriter stderr) : IConsoleInteraction
{
    /// <inheritdoc />
    public bool IsInteractive => false;

    /// <inheritdoc />
    public void Line(string text) => stdout.WriteLine(text);

    /// <inheritdoc />
    public void Warning(string text) => stderr.WriteLine($"warning: {text}");

    /// <inheritdoc />
    public void Error(string text) => stderr.WriteLine($"error: {text}");

    /// <inheritdoc />
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        stdout.WriteLine(string.Join('\t', header));
        foreach (var row in rows)
        {
            stdout.WriteLine(string.Join('\t', row));
        }
    }

    /// <inheritdoc />
    public T Progress<T>(string title, Func<IProgress<(double Fraction, string Status)>, T> work)
    {
        int lastDecile = -1;
        var progress = new Progress<(double Fraction, string Status)>(p =>
        {
            int decile = (int)(p.Fraction * 10);
            if (decile != lastDecile)
            {
                lastDecile = decile;
                stderr.WriteLine($"{title}: {p.Fraction:P0} {p.Status}");
            }
        });
        return work(progress);
    }
}

/// <summary>Spectre.Console output for terminals.</summary>
public sealed class RichConsoleInteraction : IConsoleInteraction
{
    /// <inheritdoc />
    public bool IsInteractive => true;

    /// <inheritdoc />
    public void Line(string text) => AnsiConsole.WriteLine(text);

    /// <inheritdoc />
    public void Warning(string text) => AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(text)}");

    /// <inheritdoc />
    public void Error(string text) => AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(text)}");

    /// <inheritdoc />
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table();
        foreach (var h in header)
        {
            table.AddColumn(Markup.Escape(h));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <inheritdoc />
    public T Progress<T>(string title, Func<IProgress<(double Fraction, string Status)>, T> work) =>
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
            var progress = new SyncProgress(p =>
            {
                task.Value = p.Fraction;
                task.Description = Markup.Escape($"{title}: {p.Status}");
            });
            return work(progress);
        });

    // Progress<T> posts to the thread pool; Spectre wants updates on the calling thread, so report synchronously.
    private sealed class SyncProgress(Action<(double Fraction, string Status)> onReport) : IProgress<(double Fraction, string Status)>
    {
        public void Report((double Fraction, string Status) value) => onReport(value);
    }
}
