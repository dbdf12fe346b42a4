using ProgressVision.Onnx.Native;

namespace ProgressVision.Onnx;

/// <summary>
/// Facts about the ONNX Runtime library this process uses. Reading any of them loads the library
/// (see <see cref="LibraryPathVariable"/> for where it is looked for) and throws
/// <see cref="OnnxRuntimeLibraryException"/> when it cannot be loaded.
/// </summary>
public static class OnnxRuntime
{
    /// <summary>
    /// Environment variable naming an ONNX Runtime library file to use instead of the one the build
    /// placed next to the assemblies (e.g. <c>/opt/onnxruntime/lib/libonnxruntime.so.1</c>).
    /// </summary>
    public const string LibraryPathVariable = "PROGRESSVISION_ONNXRUNTIME";

    /// <summary>The version ONNX Runtime reports, e.g. "1.30.0".</summary>
    public static string Version => OrtRuntime.Instance.Library.Version;

    /// <summary>The version the build fetches and pins by SHA-256.</summary>
    public static string ExpectedVersion => OnnxRuntimeLibrary.PinnedVersion;

    /// <summary>ONNX Runtime's build description (git commit, build type).</summary>
    public static string BuildInfo => OrtRuntime.Instance.BuildInfo;

    /// <summary>Full path of the library that was loaded.</summary>
    public static string LibraryPath => OrtRuntime.Instance.Library.Path;

    /// <summary>Loads ONNX Runtime now (instead of on first use), so a missing library is reported early.</summary>
    public static void EnsureLoaded() => _ = OrtRuntime.Instance;
}
