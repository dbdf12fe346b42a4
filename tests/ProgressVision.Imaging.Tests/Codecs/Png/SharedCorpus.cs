namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>
/// Locates the shared, read-only test material (<c>&lt;repo root&gt;/../shared</c>). The repository root is found by
/// walking up to ProgressVision.sln; inside a git worktree the main checkout's parent is tried too. Tests fail
/// with a message naming the path when the material is missing; it is never copied into the repository.
/// </summary>
internal static class SharedCorpus
{
    private static readonly Lazy<string> SharedDir = new(Locate);

    /// <summary>The shared directory.</summary>
    public static string Root => SharedDir.Value;

    /// <summary>PngSuite (libpng contrib/pngsuite).</summary>
    public static string PngSuite => Require(Path.Combine(Root, "codec-corpus", "pngsuite"));

    /// <summary>libpng contrib/testpngs.</summary>
    public static string TestPngs => Require(Path.Combine(Root, "codec-corpus", "testpngs"));

    /// <summary>Real photographs (read only).</summary>
    public static string RealSamples => Require(Path.Combine(Root, "real-samples"));

    /// <summary>libjpeg-turbo test images.</summary>
    public static string LibjpegTurbo => Require(Path.Combine(Root, "codec-corpus", "libjpeg-turbo"));

    /// <summary>Fails the test with the missing path named.</summary>
    public static string Require(string path)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            Assert.Fail($"Shared test material is missing: {path} (expected <repo root>/../shared; see DEVELOPERS.md).");
        }

        return path;
    }

    /// <summary>The repository root (the folder holding ProgressVision.sln).</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProgressVision.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"No ProgressVision.sln above {AppContext.BaseDirectory}.");
    }

    private static string Locate()
    {
        string root = RepoRoot();
        string shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
        if (Directory.Exists(shared))
        {
            return shared;
        }

        // A git worktree has a .git file "gitdir: <main>/.git/worktrees/<name>"; the main checkout sits beside shared/.
        string gitFile = Path.Combine(root, ".git");
        if (File.Exists(gitFile))
        {
            string line = File.ReadAllText(gitFile).Trim();
            if (line.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                var gitDir = new DirectoryInfo(line["gitdir:".Length..].Trim());
                DirectoryInfo? main = gitDir.Parent?.Parent?.Parent; // <main>/.git/worktrees/<name> → <main>
                if (main is not null)
                {
                    string candidate = Path.GetFullPath(Path.Combine(main.FullName, "..", "shared"));
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        Assert.Fail($"Shared test material is missing: {shared} (expected <repo root>/../shared next to the repository).");
        return shared;
    }
}
