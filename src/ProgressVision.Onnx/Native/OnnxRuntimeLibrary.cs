using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace ProgressVision.Onnx.Native;

/// <summary>
/// Finds and loads the ONNX Runtime shared library, then obtains its <c>OrtApi</c> table. Never touches
/// the network: the build placed the library next to the assemblies, or the user named one with
/// <see cref="OnnxRuntime.LibraryPathVariable"/>.
/// </summary>
internal static unsafe class OnnxRuntimeLibrary
{
    /// <summary>The ONNX Runtime version the build fetches (from the same MSBuild pin).</summary>
    internal static string PinnedVersion { get; } =
        typeof(OnnxRuntimeLibrary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OnnxRuntimeVersion")?.Value ?? "1.30.0";

    /// <summary>File names the library has on this operating system, most specific first.</summary>
    internal static IReadOnlyList<string> LibraryFileNames()
    {
        if (OperatingSystem.IsWindows())
        {
            return ["onnxruntime.dll"];
        }

        if (OperatingSystem.IsMacOS())
        {
            return [$"libonnxruntime.{PinnedVersion}.dylib", "libonnxruntime.dylib"];
        }

        return ["libonnxruntime.so.1", "libonnxruntime.so"];
    }

    /// <summary>
    /// The paths to try, in order. An override (the environment variable) is the only candidate when
    /// set, so a user who points at a library never silently gets a different one.
    /// </summary>
    internal static IReadOnlyList<string> CandidatePaths(string? overridePath, IEnumerable<string?> directories)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            return [Path.GetFullPath(overridePath.Trim())];
        }

        var names = LibraryFileNames();
        var paths = new List<string>();
        foreach (var directory in directories)
        {
            if (string.IsNullOrEmpty(directory))
            {
                continue;
            }

            foreach (var name in names)
            {
                var path = Path.GetFullPath(Path.Combine(directory, name));
                if (!paths.Contains(path, StringComparer.Ordinal))
                {
                    paths.Add(path);
                }
            }
        }

        return paths;
    }

    /// <summary>The default search: the override variable, else the application folder, this assembly's folder and runtimes/&lt;rid&gt;/native.</summary>
    internal static IReadOnlyList<string> DefaultCandidatePaths()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var assemblyDirectory = Path.GetDirectoryName(typeof(OnnxRuntimeLibrary).Assembly.Location);
        var ridDirectory = Path.Combine(baseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        return CandidatePaths(
            Environment.GetEnvironmentVariable(OnnxRuntime.LibraryPathVariable),
            [baseDirectory, assemblyDirectory, ridDirectory]);
    }

    /// <summary>Loads the first candidate that is a usable ONNX Runtime, or throws listing every attempt.</summary>
    internal static LoadedLibrary Load(IReadOnlyList<string> candidates)
    {
        var attempts = new List<(string Path, string Problem)>();
        Exception? lastError = null;
        foreach (var path in candidates)
        {
            if (!File.Exists(path))
            {
                attempts.Add((path, "no such file"));
                continue;
            }

            nint library;
            try
            {
                library = NativeLibrary.Load(path);
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
            {
                attempts.Add((path, "the loader refused it: " + ex.Message.Trim()));
                lastError = ex;
                continue;
            }

            if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
            {
                NativeLibrary.Free(library);
                attempts.Add((path, "it loaded but exports no OrtGetApiBase, so it is not ONNX Runtime"));
                continue;
            }

            // OrtApiBase is { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }.
            var apiBase = (nint*)((delegate* unmanaged<nint>)getApiBase)();
            var getApi = (delegate* unmanaged<uint, nint>)apiBase[0];
            var getVersion = (delegate* unmanaged<byte*>)apiBase[1];
            var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "unknown";
            var table = getApi(OrtApi.ApiVersion);
            if (table == 0)
            {
                // Not freed: the library may have started threads; leaving it mapped is harmless.
                attempts.Add((path, $"it is ONNX Runtime {version}, which does not offer C API version {OrtApi.ApiVersion} (ONNX Runtime {PinnedVersion} or newer is needed)"));
                continue;
            }

            return new LoadedLibrary(path, library, table, version);
        }

        throw new OnnxRuntimeLibraryException(Explain(attempts), attempts.ConvertAll(a => a.Path), lastError);
    }

    private static string Explain(List<(string Path, string Problem)> attempts)
    {
        var text = new StringBuilder();
        text.Append("ONNX Runtime could not be loaded. ");
        if (attempts.Count == 0)
        {
            text.Append("No candidate path was found.");
        }
        else
        {
            text.Append("Tried:");
            foreach (var (path, problem) in attempts)
            {
                text.Append("\n  ").Append(path).Append(": ").Append(problem);
            }
        }

        var names = string.Join(" or ", LibraryFileNames());
        text.Append("\nTo fix: run `dotnet build` on the project (the ProgressVision.Onnx build step fetches ONNX Runtime ")
            .Append(PinnedVersion).Append(" with `npm pack onnxruntime-node@").Append(PinnedVersion)
            .Append("`, verifies its SHA-256 and copies ").Append(names).Append(" next to the assemblies), or set ")
            .Append(OnnxRuntime.LibraryPathVariable).Append(" to the full path of an ONNX Runtime ")
            .Append(PinnedVersion).Append("+ library you installed another way.");
        if (OperatingSystem.IsWindows())
        {
            text.Append(" On Windows onnxruntime.dll also needs the Microsoft Visual C++ 2015-2022 runtime (MSVCP140.dll, VCRUNTIME140.dll).");
        }

        return text.ToString();
    }

    /// <summary>A loaded library and the API table it handed out.</summary>
    internal sealed record LoadedLibrary(string Path, nint Handle, nint ApiTable, string Version);
}
