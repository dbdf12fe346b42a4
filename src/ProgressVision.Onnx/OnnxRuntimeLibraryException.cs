namespace ProgressVision.Onnx;

/// <summary>
/// The ONNX Runtime library could not be found, could not be loaded, or is not a usable ONNX Runtime.
/// The message lists every path that was tried, why each failed, and how to fix it.
/// </summary>
public sealed class OnnxRuntimeLibraryException : OnnxRuntimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full explanation, including the tried paths and the fix.</param>
    /// <param name="triedPaths">Every path a load was attempted from, in order.</param>
    /// <param name="innerException">The loader's own exception for the last attempt, if any.</param>
    public OnnxRuntimeLibraryException(string message, IReadOnlyList<string> triedPaths, Exception? innerException = null)
        : base(OrtErrorCode.Fail, message, innerException)
    {
        TriedPaths = triedPaths;
    }

    /// <summary>Every path a load was attempted from, in order.</summary>
    public IReadOnlyList<string> TriedPaths { get; }
}
