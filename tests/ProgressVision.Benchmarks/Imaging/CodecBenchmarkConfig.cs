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
        AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(8).WithId("SIMD"));
        AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(8)
            .WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("NoSIMD"));
    }
}
