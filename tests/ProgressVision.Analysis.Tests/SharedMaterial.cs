namespace ProgressVision.Analysis.Tests;

/// <summary>Finds ../shared beside the checkout (codec corpus, real photos); fails clearly when absent.</summary>
internal static class SharedMaterial
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProgressVision.sln")))
            {
                dir = dir.Parent;
            }

            if (dir?.Parent is null)
            {
                throw new InvalidOperationException("cannot find the repository root (ProgressVision.sln) above " + AppContext.BaseDirectory);
            }

            string shared = Path.Combine(dir.Parent.FullName, "shared");
            if (!Directory.Exists(shared))
            {
                throw new DirectoryNotFoundException($"shared material missing: expected {shared} beside the checkout");
            }

            return shared;
        }
    }

    public static string RealSamples(string sub)
    {
        string p = Path.Combine(Root, "real-samples", sub);
        return Directory.Exists(p) ? p : throw new DirectoryNotFoundException($"real samples missing: {p}");
    }
}
