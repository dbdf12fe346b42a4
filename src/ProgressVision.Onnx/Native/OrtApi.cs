using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProgressVision.Onnx.Native;

/// <summary>
/// The part of ONNX Runtime's <c>OrtApi</c> function table we use, read once from the pointer
/// <c>OrtGetApiBase()-&gt;GetApi(30)</c> returns, and called through unmanaged function pointers.
/// </summary>
/// <remarks>
/// Every pointer parameter is an <see cref="nint"/>; <c>size_t</c> is <see cref="nuint"/>; C <c>bool</c> is a
/// <see cref="byte"/> so no marshalling stub is ever generated. <c>delegate* unmanaged</c> uses the platform
/// default calling convention, which is what <c>ORT_API_CALL</c> is on every supported platform
/// (<c>__stdcall</c> is the default on Windows and means nothing on x64/arm64).
/// </remarks>
internal sealed unsafe class OrtApi
{
    /// <summary>ORT_API_VERSION declared by the ONNX Runtime 1.30 header.</summary>
    public const uint ApiVersion = 30;

    public readonly delegate* unmanaged<nint, OrtErrorCode> GetErrorCode;
    public readonly delegate* unmanaged<nint, byte*> GetErrorMessage;
    public readonly delegate* unmanaged<int, byte*, nint*, nint> CreateEnv;
    public readonly delegate* unmanaged<nint, void*, nint, nint*, nint> CreateSession;
    public readonly delegate* unmanaged<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray;
    public readonly delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run;
    public readonly delegate* unmanaged<nint*, nint> CreateSessionOptions;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads;
    public readonly delegate* unmanaged<nint, int, nint> SetInterOpNumThreads;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    public readonly delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged<nint, void**, nint> GetTensorMutableData;
    public readonly delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged<nint, int*, nint> GetOnnxTypeFromTypeInfo;
    public readonly delegate* unmanaged<nint, int*, nint> GetTensorElementType;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount;
    public readonly delegate* unmanaged<nint, long*, nuint, nint> GetDimensions;
    public readonly delegate* unmanaged<nint, byte**, nuint, nint> GetSymbolicDimensions;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetTensorShapeElementCount;
    public readonly delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape;
    public readonly delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged<nint, void*, nint> AllocatorFree;
    public readonly delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged<nint, void> ReleaseEnv;
    public readonly delegate* unmanaged<nint, void> ReleaseStatus;
    public readonly delegate* unmanaged<nint, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSession;
    public readonly delegate* unmanaged<nint, void> ReleaseValue;
    public readonly delegate* unmanaged<nint, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged<nint, byte*, byte*, nint> AddSessionConfigEntry;
    public readonly delegate* unmanaged<byte*> GetBuildInfoString;
    public readonly delegate* unmanaged<nint, byte, nint> SetDeterministicCompute;

    /// <summary>Reads the slots we use from the table at <paramref name="table"/>.</summary>
    public OrtApi(nint table)
    {
        // The OrtApi struct is nothing but consecutive function pointers, so slot i is at table + i * sizeof(void*).
        var slots = (void**)table;
        GetErrorCode = (delegate* unmanaged<nint, OrtErrorCode>)slots[OrtApiSlot.GetErrorCode];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)slots[OrtApiSlot.GetErrorMessage];
        CreateEnv = (delegate* unmanaged<int, byte*, nint*, nint>)slots[OrtApiSlot.CreateEnv];
        CreateSession = (delegate* unmanaged<nint, void*, nint, nint*, nint>)slots[OrtApiSlot.CreateSession];
        CreateSessionFromArray = (delegate* unmanaged<nint, void*, nuint, nint, nint*, nint>)slots[OrtApiSlot.CreateSessionFromArray];
        Run = (delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)slots[OrtApiSlot.Run];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)slots[OrtApiSlot.CreateSessionOptions];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)slots[OrtApiSlot.SetSessionGraphOptimizationLevel];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)slots[OrtApiSlot.SetIntraOpNumThreads];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)slots[OrtApiSlot.SetInterOpNumThreads];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)slots[OrtApiSlot.SessionGetInputCount];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)slots[OrtApiSlot.SessionGetOutputCount];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)slots[OrtApiSlot.SessionGetInputTypeInfo];
        SessionGetOutputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)slots[OrtApiSlot.SessionGetOutputTypeInfo];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)slots[OrtApiSlot.SessionGetInputName];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)slots[OrtApiSlot.SessionGetOutputName];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)slots[OrtApiSlot.CreateTensorWithDataAsOrtValue];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)slots[OrtApiSlot.GetTensorMutableData];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)slots[OrtApiSlot.CastTypeInfoToTensorInfo];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<nint, int*, nint>)slots[OrtApiSlot.GetOnnxTypeFromTypeInfo];
        GetTensorElementType = (delegate* unmanaged<nint, int*, nint>)slots[OrtApiSlot.GetTensorElementType];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)slots[OrtApiSlot.GetDimensionsCount];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)slots[OrtApiSlot.GetDimensions];
        GetSymbolicDimensions = (delegate* unmanaged<nint, byte**, nuint, nint>)slots[OrtApiSlot.GetSymbolicDimensions];
        GetTensorShapeElementCount = (delegate* unmanaged<nint, nuint*, nint>)slots[OrtApiSlot.GetTensorShapeElementCount];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)slots[OrtApiSlot.GetTensorTypeAndShape];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, nint*, nint>)slots[OrtApiSlot.CreateCpuMemoryInfo];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)slots[OrtApiSlot.AllocatorFree];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)slots[OrtApiSlot.GetAllocatorWithDefaultOptions];
        ReleaseEnv = (delegate* unmanaged<nint, void>)slots[OrtApiSlot.ReleaseEnv];
        ReleaseStatus = (delegate* unmanaged<nint, void>)slots[OrtApiSlot.ReleaseStatus];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)slots[OrtApiSlot.ReleaseMemoryInfo];
        ReleaseSession = (delegate* unmanaged<nint, void>)slots[OrtApiSlot.ReleaseSession];
        ReleaseValue = (delegate* unmanaged<nint, void>)slots[OrtApiSlot.ReleaseValue];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)slots[OrtApiSlot.ReleaseTypeInfo];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)slots[OrtApiSlot.ReleaseTensorTypeAndShapeInfo];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)slots[OrtApiSlot.ReleaseSessionOptions];
        AddSessionConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)slots[OrtApiSlot.AddSessionConfigEntry];
        GetBuildInfoString = (delegate* unmanaged<byte*>)slots[OrtApiSlot.GetBuildInfoString];
        SetDeterministicCompute = (delegate* unmanaged<nint, byte, nint>)slots[OrtApiSlot.SetDeterministicCompute];
    }

    /// <summary>
    /// The one place an <c>OrtStatus*</c> is inspected: null means success; anything else is turned into an
    /// <see cref="OnnxRuntimeException"/> carrying ONNX Runtime's code and message, and released.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Check(nint status, string context)
    {
        if (status != 0)
        {
            ThrowFromStatus(status, context);
        }
    }

    /// <summary>Same as <see cref="Check(nint, string)"/> for hot paths whose context text is built only on failure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Check<TState>(nint status, TState state, Func<TState, string> context)
    {
        if (status != 0)
        {
            ThrowFromStatus(status, context(state));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowFromStatus(nint status, string context)
    {
        OrtErrorCode code;
        string message;
        try
        {
            code = GetErrorCode(status);
            message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? string.Empty;
        }
        finally
        {
            ReleaseStatus(status);
        }

        throw new OnnxRuntimeException(code, message, context);
    }

    /// <summary>Copies a string ONNX Runtime allocated with its default allocator, then frees it there.</summary>
    public string TakeAllocatedString(byte* text, nint allocator)
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
        }
        finally
        {
            if (text != null)
            {
                Check(AllocatorFree(allocator, text), "freeing a string ONNX Runtime allocated");
            }
        }
    }
}
