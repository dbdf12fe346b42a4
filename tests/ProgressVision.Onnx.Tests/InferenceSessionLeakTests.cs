using System.Diagnostics;
using ProgressVision.Onnx.Native;
using Xunit.Abstractions;

namespace ProgressVision.Onnx.Tests;

/// <summary>Runs alone: process memory is only meaningful when no other test allocates at the same time.</summary>
[CollectionDefinition(nameof(InferenceSessionLeakTests), DisableParallelization = true)]
public sealed class InferenceSessionLeakCollection;

[Collection(nameof(InferenceSessionLeakTests))]
public class InferenceSessionLeakTests(ITestOutputHelper output)
{
    [Fact]
    public void Thousand_create_run_dispose_cycles_leak_neither_handles_nor_memory()
    {
        var tiny = TestModels.TinyAdd;
        float[] x = [1, 2, 3, 4];
        long[] shape = [4];
        var options = new InferenceSessionOptions { IntraOpThreads = 1 };

        void Cycle()
        {
            using var session = InferenceSession.FromBytes(tiny, options);
            var y = session.Run([new TensorInput("x", x, shape)])[0];
            if (y.Data[3] != 8)
            {
                throw new InvalidOperationException($"x + x gave {y.Data[3]} for 4");
            }
        }

        // Warm-up: ONNX Runtime grows its arenas and caches on the first sessions.
        for (var i = 0; i < 50; i++)
        {
            Cycle();
        }

        var handlesBefore = OrtHandle.LiveCount;
        var memoryBefore = SettledMemory();
        for (var i = 1; i <= 1000; i++)
        {
            Cycle();
            if (i % 250 == 0)
            {
                output.WriteLine($"after {i} cycles: {(SettledMemory() - memoryBefore) / (1024.0 * 1024.0):F2} MB, live handles {OrtHandle.LiveCount - handlesBefore}");
            }
        }

        var memoryAfter = SettledMemory();
        Assert.Equal(handlesBefore, OrtHandle.LiveCount);
        var growthMb = (memoryAfter - memoryBefore) / (1024.0 * 1024.0);
        // A leaked session (thread pool, graph, kernels) costs tens of KB at least, so 1000 leaks would be far above this.
        Assert.True(growthMb < 16, $"process memory grew {growthMb:F1} MB over 1000 cycles");
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
