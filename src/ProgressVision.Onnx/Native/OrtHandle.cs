using System.Runtime.InteropServices;

namespace ProgressVision.Onnx.Native;

/// <summary>
/// Owner of one native ONNX Runtime object. Each subclass names the <c>Release*</c> function of its
/// type; <see cref="SafeHandle"/> guarantees that release runs exactly once, after the last
/// <see cref="SafeHandle.DangerousAddRef"/> user is done, even on finalization.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    private static long s_live;

    protected OrtHandle(OrtApi api)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        Api = api;
    }

    /// <summary>
    /// Native objects created through these handles and not yet released. Tests read it to prove that
    /// nothing leaks over many create/run/dispose cycles.
    /// </summary>
    internal static long LiveCount => Interlocked.Read(ref s_live);

    protected OrtApi Api { get; }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Takes ownership of a pointer ONNX Runtime just returned (a null pointer is ignored).</summary>
    internal void Adopt(nint native)
    {
        if (native == 0)
        {
            return;
        }

        SetHandle(native);
        Interlocked.Increment(ref s_live);
    }

    /// <inheritdoc />
    protected sealed override bool ReleaseHandle()
    {
        Release(handle);
        Interlocked.Decrement(ref s_live);
        return true;
    }

    /// <summary>Calls this type's <c>Release*</c> function.</summary>
    protected abstract void Release(nint native);
}
