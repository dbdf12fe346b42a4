namespace ProgressVision.Onnx.Native;

// One small owner per native type; each differs only in which Release* slot it calls.

/// <summary>Owns an <c>OrtEnv</c>.</summary>
internal sealed unsafe class OrtEnvHandle(OrtApi api) : OrtHandle(api)
{
    protected override void Release(nint native) => Api.ReleaseEnv(native);
}

/// <summary>Owns an <c>OrtSessionOptions</c>.</summary>
internal sealed unsafe class OrtSessionOptionsHandle(OrtApi api) : OrtHandle(api)
{
    protected override void Release(nint native) => Api.ReleaseSessionOptions(native);
}

/// <summary>Owns an <c>OrtSession</c>.</summary>
internal sealed unsafe class OrtSessionHandle(OrtApi api) : OrtHandle(api)
{
    protected override void Release(nint native) => Api.ReleaseSession(native);
}

/// <summary>Owns an <c>OrtValue</c> (for us always a tensor).</summary>
internal sealed unsafe class OrtValueHandle(OrtApi api) : OrtHandle(api)
{
    protected override void Release(nint native) => Api.ReleaseValue(native);
}

/// <summary>Owns an <c>OrtMemoryInfo</c>.</summary>
internal sealed unsafe class OrtMemoryInfoHandle(OrtApi api) : OrtHandle(api)
{
    protected override void Release(nint native) => Api.ReleaseMemoryInfo(native);
}

/// <summary>Owns an <c>OrtTypeInfo</c>.</summary>
internal sealed unsafe class OrtTypeInfoHandle(OrtApi api) : OrtHandle(api)
{
    protected override void Release(nint native) => Api.ReleaseTypeInfo(native);
}

/// <summary>Owns an <c>OrtTensorTypeAndShapeInfo</c> (only the ones we are given ownership of).</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle(OrtApi api) : OrtHandle(api)
{
    protected override void Release(nint native) => Api.ReleaseTensorTypeAndShapeInfo(native);
}
