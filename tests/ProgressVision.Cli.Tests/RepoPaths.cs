namespace ProgressVision.Cli.Tests;

/// <summary>Files committed with the repository, found from the test's output folder.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding ProgressVision.sln, above the test binaries.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProgressVision.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"no ProgressVision.sln above {AppContext.BaseDirectory}");
    }
}
