namespace ProgressVision.Onnx.Native;

/// <summary>
/// Positions (in pointers) of the functions we call inside the <c>OrtApi</c> struct of
/// <c>include/onnxruntime/core/session/onnxruntime_c_api.h</c>, ONNX Runtime 1.30 (ORT_API_VERSION 30).
/// </summary>
/// <remarks>
/// The struct is append-only: ONNX Runtime never reorders or removes a member once a version ships, so a
/// position read from the 1.30 header stays valid for every later library. The header's own
/// <c>static_assert</c>s pin some anchors we cross-checked our count against: ReleaseCustomOpDomain = 101,
/// ReleaseModelMetadata = 118, AddFreeDimensionOverrideByName = 124, ReleaseAvailableProviders = 126,
/// SetGlobalSpinControl = 149, ReleaseArenaCfg = 157, GetCurrentGpuDeviceId = 161,
/// CreateSessionFromArrayWithPrepackedWeightsContainer = 169. At run time
/// <see cref="GetBuildInfoString"/> (254) is called and its "ORT Build Info" prefix checked, which would
/// fail if the count were off anywhere below it.
/// </remarks>
internal static class OrtApiSlot
{
    public const int GetErrorCode = 1;
    public const int GetErrorMessage = 2;
    public const int CreateEnv = 3;
    public const int CreateSession = 7;
    public const int CreateSessionFromArray = 8;
    public const int Run = 9;
    public const int CreateSessionOptions = 10;
    public const int SetSessionGraphOptimizationLevel = 23;
    public const int SetIntraOpNumThreads = 24;
    public const int SetInterOpNumThreads = 25;
    public const int SessionGetInputCount = 30;
    public const int SessionGetOutputCount = 31;
    public const int SessionGetInputTypeInfo = 33;
    public const int SessionGetOutputTypeInfo = 34;
    public const int SessionGetInputName = 36;
    public const int SessionGetOutputName = 37;
    public const int CreateTensorWithDataAsOrtValue = 49;
    public const int GetTensorMutableData = 51;
    public const int CastTypeInfoToTensorInfo = 55;
    public const int GetOnnxTypeFromTypeInfo = 56;
    public const int GetTensorElementType = 60;
    public const int GetDimensionsCount = 61;
    public const int GetDimensions = 62;
    public const int GetSymbolicDimensions = 63;
    public const int GetTensorShapeElementCount = 64;
    public const int GetTensorTypeAndShape = 65;
    public const int CreateCpuMemoryInfo = 69;
    public const int AllocatorFree = 76;
    public const int GetAllocatorWithDefaultOptions = 78;
    public const int ReleaseEnv = 92;
    public const int ReleaseStatus = 93;
    public const int ReleaseMemoryInfo = 94;
    public const int ReleaseSession = 95;
    public const int ReleaseValue = 96;
    public const int ReleaseTypeInfo = 98;
    public const int ReleaseTensorTypeAndShapeInfo = 99;
    public const int ReleaseSessionOptions = 100;
    public const int AddSessionConfigEntry = 130;
    public const int GetBuildInfoString = 254;
    public const int SetDeterministicCompute = 273;
}
