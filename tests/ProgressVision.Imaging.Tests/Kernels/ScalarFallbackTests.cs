using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace ProgressVision.Imaging.Tests.Kernels;

/// <summary>
/// Re-runs every <c>Category=KernelEquivalence</c> test in child processes with the JIT's hardware
/// intrinsics switched off, so the public kernels' non-vector dispatch paths run too:
/// <c>DOTNET_EnableHWIntrinsic=0</c> (no Vector128/256 acceleration: scalar tails do everything) and, on
/// x64, <c>DOTNET_EnableAVX=0</c> (Vector128 bodies, the path Arm64 NEON machines take).
/// </summary>
public class ScalarFallbackTests
{
    internal const string ChildVariable = "PV_KERNEL_CHILD";
    internal const string ProbeFileVariable = "PV_KERNEL_PROBE_FILE";

    // Each child normally needs 15–30 s; the cap keeps a wedged child from stalling the suite.
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void EquivalenceTestsPassWithHardwareIntrinsicsDisabled()
    {
        if (Environment.GetEnvironmentVariable(ChildVariable) is not null)
        {
            return; // Already inside a child: never recurse (the child's filter excludes this class anyway).
        }

        var (probe, _) = RunChild("nohw", ("DOTNET_EnableHWIntrinsic", "0"));
        Assert.Equal("V128=False V256=False", probe);
    }

    [Fact]
    public void EquivalenceTestsPassWithOnlyVector128()
    {
        if (Environment.GetEnvironmentVariable(ChildVariable) is not null)
        {
            return;
        }

        if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return; // EnableAVX only exists on x86/x64; Arm64 already runs the Vector128 bodies in the main run.
        }

        var (probe, _) = RunChild("noavx", ("DOTNET_EnableAVX", "0"));
        Assert.Equal("V128=True V256=False", probe);
    }

    private static (string Probe, string Output) RunChild(string tag, params (string Name, string Value)[] env)
    {
        string assembly = typeof(ScalarFallbackTests).Assembly.Location;
        string probeFile = Path.Combine(Path.GetTempPath(), $"pv-kernel-probe-{tag}-{Guid.NewGuid():N}.txt");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "test", assembly, "--filter", "Category=KernelEquivalence", "--nologo" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment[ChildVariable] = tag;
        psi.Environment[ProbeFileVariable] = probeFile;
        foreach (var (name, value) in env)
        {
            psi.Environment[name] = value;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(ChildTimeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"child test run ({tag}) exceeded {ChildTimeout.TotalMinutes} min");
        }

        string output = stdout.Result + stderr.Result;
        Assert.True(p.ExitCode == 0, $"child test run ({tag}) failed with exit code {p.ExitCode}:\n{output}");
        Assert.Contains("Passed!", output, StringComparison.Ordinal);
        Assert.True(File.Exists(probeFile), $"child ({tag}) did not run the acceleration probe:\n{output}");
        string probe = File.ReadAllText(probeFile).Trim();
        File.Delete(probeFile);
        return (probe, output);
    }
}

/// <summary>Reports what the JIT accelerates, so the parent can prove its environment switches took effect.</summary>
[Trait("Category", "KernelEquivalence")]
public class AccelerationProbeTests
{
    [Fact]
    public void ReportsAccelerationMatchingTheEnvironment()
    {
        string state = $"V128={Vector128.IsHardwareAccelerated} V256={Vector256.IsHardwareAccelerated}";
        if (Environment.GetEnvironmentVariable(ScalarFallbackTests.ProbeFileVariable) is { Length: > 0 } file)
        {
            File.WriteAllText(file, state);
        }

        // With intrinsics switched off nothing may claim acceleration (else the "scalar" run was not scalar).
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.Equal("V128=False V256=False", state);
        }
        else if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX") == "0")
        {
            Assert.False(Vector256.IsHardwareAccelerated, state);
        }
    }
}
