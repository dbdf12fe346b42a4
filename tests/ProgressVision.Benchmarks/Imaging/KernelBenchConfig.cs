using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>
/// Two jobs per kernel benchmark: the normal JIT ("Simd") and the same code with hardware intrinsics
/// switched off ("NoSimd", <c>DOTNET_EnableHWIntrinsic=0</c>) — the no-SIMD baseline. Few iterations:
/// 12 MP scalar runs take seconds each.
/// </summary>
public sealed class KernelBenchConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public KernelBenchConfig()
    {
        // A shared machine needs a long build timeout (BenchmarkDotNet rebuilds the project per run).
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        var basis = Job.Default.WithWarmupCount(1).WithIterationCount(5).WithLaunchCount(1);
        AddJob(basis.WithId("Simd").AsBaseline());
        AddJob(basis.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableHWIntrinsic", "0")).WithId("NoSimd"));
    }
}
