using System.Diagnostics;

namespace ProgressVision.Cli.Tests.Clinic;

/// <summary>A scratch folder with a database path and PNG photos written by Debian's PIL.</summary>
public sealed class ClinicFixture : IDisposable
{
    public ClinicFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "pv-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Db => Path.Combine(Folder, "clinic.db");

    public string PhotoLibrary => Path.Combine(Folder, "photos");

    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>Writes a random-noise RGB PNG with PIL (an independent encoder).</summary>
    public string Png(string name, int seed, int width = 64, int height = 48)
    {
        string path = File(name);
        Python($"from PIL import Image; import numpy as np; Image.fromarray((np.random.RandomState({seed}).rand({height},{width},3)*255).astype('uint8')).save(r'{path}')");
        return path;
    }

    public static string Python(string code)
    {
        const string Exe = "/usr/bin/python3";
        Assert.True(System.IO.File.Exists(Exe), $"{Exe} missing: bash .ci/run installs Debian's python3, python3-pil, python3-numpy.");
        var psi = new ProcessStartInfo(Exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(code);
        using var p = Process.Start(psi)!;
        string o = p.StandardOutput.ReadToEnd();
        string e = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "python failed: " + e);
        return o;
    }

    public int LibraryFileCount() => Directory.Exists(PhotoLibrary) ? Directory.GetFiles(PhotoLibrary, "*", SearchOption.AllDirectories).Length : 0;

    public void Dispose()
    {
        try
        {
            foreach (var f in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
            {
                System.IO.File.SetAttributes(f, FileAttributes.Normal);
            }

            Directory.Delete(Folder, true);
        }
        catch (IOException)
        {
        }
    }
}
