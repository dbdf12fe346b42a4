namespace ProgressVision.Onnx;

/// <summary>
/// The error codes ONNX Runtime attaches to a failed call (<c>OrtErrorCode</c> in
/// <c>onnxruntime_error_code.h</c> of ONNX Runtime 1.30; the numeric values are part of its ABI).
/// </summary>
public enum OrtErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,

    /// <summary>Generic failure; the message carries the detail.</summary>
    Fail = 1,

    /// <summary>An argument was invalid: unknown input name, wrong shape, rank or element type, bad option.</summary>
    InvalidArgument = 2,

    /// <summary>A file (usually the model) does not exist.</summary>
    NoSuchFile = 3,

    /// <summary>Legacy code kept for ABI compatibility.</summary>
    NoModel = 4,

    /// <summary>An accelerator or backend engine failed.</summary>
    EngineError = 5,

    /// <summary>A runtime exception was caught inside ONNX Runtime.</summary>
    RuntimeException = 6,

    /// <summary>The model bytes are not a valid ONNX protobuf.</summary>
    InvalidProtobuf = 7,

    /// <summary>The session was in the wrong state for the call (historical name).</summary>
    ModelLoaded = 8,

    /// <summary>Not implemented in this build of ONNX Runtime.</summary>
    NotImplemented = 9,

    /// <summary>The graph is structurally invalid.</summary>
    InvalidGraph = 10,

    /// <summary>An execution provider failed.</summary>
    EpFail = 11,

    /// <summary>Model loading was cancelled.</summary>
    ModelLoadCanceled = 12,

    /// <summary>The model needs compilation by an execution provider that was disabled.</summary>
    ModelRequiresCompilation = 13,

    /// <summary>A requested resource was not found.</summary>
    NotFound = 14,

    /// <summary>The execution provider's device was reset.</summary>
    DeviceReset = 15,
}
