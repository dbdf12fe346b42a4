using System.Diagnostics;

namespace ProgressVision.Imaging.Tests.Oracles;

/// <summary>
/// Runs one Python script against Debian's OpenCV (<c>/usr/bin/python3</c>, never the python3 first on PATH)
/// over .npy files in a scratch directory. One instance = one python process per test class.
/// </summary>
public sealed class OpenCvOracle : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private const string Preamble = """
        import os, sys
        import numpy as np
        import cv2
        cv2.setNumThreads(1)
        D = sys.argv[1]
        def load(name): return np.load(os.path.join(D, name + '.npy'))
        def save(name, a): np.save(os.path.join(D, name + '.npy'), np.ascontiguousarray(a))

        """;

    public OpenCvOracle()
    {
        Directory = Path.Combine(Path.GetTempPath(), "pv-cv2-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public void Put<T>(string name, ReadOnlySpan<T> data, params int[] shape) where T : unmanaged =>
        Npy.Write(Path.Combine(Directory, name + ".npy"), data, shape);

    public T[] Get<T>(string name) where T : unmanaged => Npy.Read<T>(Path.Combine(Directory, name + ".npy")).Data;

    /// <summary>Runs <paramref name="script"/> (after a preamble defining load/save) and fails clearly if OpenCV is missing.</summary>
    public void Run(string script)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} not found: the OpenCV oracle needs Debian's python3 (apt-get install python3-opencv).");
        }

        string path = Path.Combine(Directory, "oracle.py");
        File.WriteAllText(path, Preamble + script);
        var psi = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(path);
        psi.ArgumentList.Add(Directory);
        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"OpenCV oracle script {path} did not finish in 120 s.");
        }

        string err = stderr.Result;
        if (p.ExitCode != 0)
        {
            if (err.Contains("No module named 'cv2'", StringComparison.Ordinal) || err.Contains("No module named 'numpy'", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{Python} cannot import OpenCV/numpy: apt-get install python3-opencv python3-numpy.\n{err}");
            }

            throw new InvalidOperationException($"OpenCV oracle script failed (exit {p.ExitCode}):\n{err}\n{stdout.Result}");
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
