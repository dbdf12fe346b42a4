using System.Runtime.InteropServices;

namespace ProgressVision.Onnx.Native;

/// <summary>
/// The process-wide ONNX Runtime state: the API table, the single <c>OrtEnv</c> ONNX Runtime allows per
/// process, the CPU memory description used to wrap caller memory, and the default allocator.
/// Created on first use; creation failures are cached so every caller sees the same clear error.
/// </summary>
internal sealed unsafe class OrtRuntime
{
    private static readonly Lazy<OrtRuntime> s_instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private OrtRuntime(OnnxRuntimeLibrary.LoadedLibrary library, OrtApi api, OrtEnvHandle env, OrtMemoryInfoHandle cpuMemory, nint allocator, string buildInfo)
    {
        Library = library;
        Api = api;
        Env = env;
        CpuMemory = cpuMemory;
        DefaultAllocator = allocator;
        BuildInfo = buildInfo;
    }

    /// <summary>The runtime, loading it on first use.</summary>
    public static OrtRuntime Instance => s_instance.Value;

    public OnnxRuntimeLibrary.LoadedLibrary Library { get; }

    public OrtApi Api { get; }

    /// <summary>Lives for the whole process: ONNX Runtime warns against tearing the env down while threads may still run.</summary>
    public OrtEnvHandle Env { get; }

    /// <summary>Describes plain CPU memory; every tensor over caller memory is created with it.</summary>
    public OrtMemoryInfoHandle CpuMemory { get; }

    /// <summary>ONNX Runtime's default CPU allocator (owned by ONNX Runtime, never released).</summary>
    public nint DefaultAllocator { get; }

    public string BuildInfo { get; }

    private static OrtRuntime Create()
    {
        var library = OnnxRuntimeLibrary.Load(OnnxRuntimeLibrary.DefaultCandidatePaths());
        var api = new OrtApi(library.ApiTable);

        var buildInfo = Marshal.PtrToStringUTF8((nint)api.GetBuildInfoString()) ?? string.Empty;
        if (!buildInfo.StartsWith("ORT Build Info", StringComparison.Ordinal))
        {
            // Slot 254 should be GetBuildInfoString; anything else means our table positions are wrong and
            // calling further would be undefined behaviour.
            throw new OnnxRuntimeLibraryException(
                $"ONNX Runtime at {library.Path} (version {library.Version}) returned an unexpected build-info string from OrtApi slot {OrtApiSlot.GetBuildInfoString}: the binding's function table does not match this library.",
                [library.Path]);
        }

        var env = new OrtEnvHandle(api);
        nint native;
        fixed (byte* logId = "ProgressVision"u8)
        {
            // Logging level 3 = ORT_LOGGING_LEVEL_ERROR: warnings would go to stderr of every CLI run.
            api.Check(api.CreateEnv(3, logId, &native), "creating the ONNX Runtime environment");
        }

        env.Adopt(native);

        var cpuMemory = new OrtMemoryInfoHandle(api);
        // OrtDeviceAllocator = 0, OrtMemTypeDefault = 0: plain host memory, which is what caller arrays are.
        api.Check(api.CreateCpuMemoryInfo(0, 0, &native), "describing CPU memory");
        cpuMemory.Adopt(native);

        nint allocator;
        api.Check(api.GetAllocatorWithDefaultOptions(&allocator), "getting the default allocator");

        return new OrtRuntime(library, api, env, cpuMemory, allocator, buildInfo);
    }
}
