namespace ProgressVision.Cli;

/// <summary>Entry point: the command tree lives in <see cref="CommandLineApp"/>.</summary>
public static class Program
{
    /// <summary>Runs the CLI.</summary>
    public static int Main(string[] args) => CommandLineApp.Run(args);
}
