using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>
/// Codec benchmark jobs: the normal runtime, and a no-SIMD baseline (<c>DOTNET_EnableHWIntrinsic=0</c>) that shows
/// how much of the speed comes from the vectorised library calls (Up unfilter, span copies, zlib).
/// </summary>
public sealed class CodecBenchmarkConfig : ManualConfig
{
    public CodecBenchmarkConfig()
    {
        // 12 MP images make each operation ~1 s: few iterations suffice, and a shared machine needs a long build timeout.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithId("SIMD"));
        AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5)
            .WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("NoSIMD"));
    }
}
