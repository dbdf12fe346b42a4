using ProgressVision.Cli.Interaction;
using Xunit.Abstractions;

namespace ProgressVision.Cli.Tests.Compare;

/// <summary>A temporary directory and an in-process run of the CLI with plain console output, for one test class.</summary>
public abstract class CommandRun(ITestOutputHelper output, string prefix) : IDisposable
{
    /// <summary>Scratch directory, deleted with the test class instance.</summary>
    protected string Dir { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The test's output log.</summary>
    protected ITestOutputHelper Output => output;

    public void Dispose()
    {
        Directory.Delete(Dir, true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the CLI in-process; its output goes to the test log too.</summary>
    protected (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLineApp.Run(args, new PlainConsoleInteraction(o, e));
        output.WriteLine(o.ToString());
        output.WriteLine(e.ToString());
        return (code, o.ToString(), e.ToString());
    }
}
