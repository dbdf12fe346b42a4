using System.Text;
using ProgressVision.Cli.Interaction;

namespace ProgressVision.Cli.Tests.Clinic;

/// <summary>Records everything a command prints.</summary>
public sealed class CapturingConsole : IConsoleInteraction
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    public bool IsInteractive => false;

    public string Out => _out.ToString();

    public string Err => _err.ToString();

    public void Line(string text) => _out.AppendLine(text);

    public void Warning(string text) => _err.AppendLine("warning: " + text);

    public void Error(string text) => _err.AppendLine("error: " + text);

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _out.AppendLine(string.Join('\t', header));
        foreach (var r in rows)
        {
            _out.AppendLine(string.Join('\t', r));
        }
    }

    public T Progress<T>(string title, Func<IProgress<(double Fraction, string Status)>, T> work) =>
        work(new Progress<(double Fraction, string Status)>(_ => { }));

    /// <summary>Runs the CLI in-process.</summary>
    public static (int Code, CapturingConsole Console) Run(params string[] args)
    {
        var console = new CapturingConsole();
        int code = CommandLineApp.Run(args, console);
        return (code, console);
    }
}
