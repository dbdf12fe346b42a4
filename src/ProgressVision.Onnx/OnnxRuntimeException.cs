namespace ProgressVision.Onnx;

/// <summary>
/// A failure reported by ONNX Runtime (its error code and message), or a failure to find or load the
/// ONNX Runtime library itself (<see cref="OnnxRuntimeLibraryException"/>).
/// </summary>
public class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception for a failed ONNX Runtime call.</summary>
    /// <param name="errorCode">The code ONNX Runtime returned.</param>
    /// <param name="nativeMessage">ONNX Runtime's own message, unchanged.</param>
    /// <param name="context">What we were doing, e.g. "loading model 'x.onnx'".</param>
    public OnnxRuntimeException(OrtErrorCode errorCode, string nativeMessage, string context)
        : base($"ONNX Runtime error {ToOrtName(errorCode)} while {context}: {nativeMessage}")
    {
        ErrorCode = errorCode;
        NativeMessage = nativeMessage;
    }

    /// <summary>Creates the exception with a message of our own (no native call involved).</summary>
    protected OnnxRuntimeException(OrtErrorCode errorCode, string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        NativeMessage = string.Empty;
    }

    /// <summary>The error code ONNX Runtime returned.</summary>
    public OrtErrorCode ErrorCode { get; }

    /// <summary>ONNX Runtime's message, exactly as it reported it (empty when the error is ours).</summary>
    public string NativeMessage { get; }

    /// <summary>The spelling used in ONNX Runtime's header, so messages can be searched for in its docs.</summary>
    internal static string ToOrtName(OrtErrorCode code) => code switch
    {
        OrtErrorCode.Ok => "ORT_OK",
        OrtErrorCode.Fail => "ORT_FAIL",
        OrtErrorCode.InvalidArgument => "ORT_INVALID_ARGUMENT",
        OrtErrorCode.NoSuchFile => "ORT_NO_SUCHFILE",
        OrtErrorCode.NoModel => "ORT_NO_MODEL",
        OrtErrorCode.EngineError => "ORT_ENGINE_ERROR",
        OrtErrorCode.RuntimeException => "ORT_RUNTIME_EXCEPTION",
        OrtErrorCode.InvalidProtobuf => "ORT_INVALID_PROTOBUF",
        OrtErrorCode.ModelLoaded => "ORT_MODEL_LOADED",
        OrtErrorCode.NotImplemented => "ORT_NOT_IMPLEMENTED",
        OrtErrorCode.InvalidGraph => "ORT_INVALID_GRAPH",
        OrtErrorCode.EpFail => "ORT_EP_FAIL",
        OrtErrorCode.ModelLoadCanceled => "ORT_MODEL_LOAD_CANCELED",
        OrtErrorCode.ModelRequiresCompilation => "ORT_MODEL_REQUIRES_COMPILATION",
        OrtErrorCode.NotFound => "ORT_NOT_FOUND",
        OrtErrorCode.DeviceReset => "ORT_DEVICE_RESET",
        _ => $"ORT error {(int)code}",
    };
}
