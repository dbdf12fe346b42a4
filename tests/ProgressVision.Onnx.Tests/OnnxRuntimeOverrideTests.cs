using System.Reflection;
using System.Runtime.Loader;

namespace ProgressVision.Onnx.Tests;

/// <summary>
/// The public loading path with <see cref="OnnxRuntime.LibraryPathVariable"/> set, each in a fresh
/// AssemblyLoadContext so ProgressVision.Onnx starts with no library loaded yet. Runs in the
/// non-parallel collection because it changes a process-wide environment variable.
/// </summary>
[Collection(nameof(InferenceSessionLeakTests))]
public class OnnxRuntimeOverrideTests
{
    [Fact]
    public void Override_pointing_nowhere_gives_the_library_exception_not_a_crash()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"pv-absent-{Guid.NewGuid():N}", "libonnxruntime.so.1");
        var error = ReadInFreshContext("Version", missing);

        var ex = Assert.IsAssignableFrom<Exception>(error);
        Assert.Equal(typeof(OnnxRuntimeLibraryException).FullName, ex.GetType().FullName);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxRuntime.LibraryPathVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_pointing_at_a_library_elsewhere_is_the_one_loaded()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"pv-ort-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var elsewhere = Path.Combine(directory, Path.GetFileName(OnnxRuntime.LibraryPath));
        try
        {
            if (OperatingSystem.IsWindows())
            {
                File.Copy(OnnxRuntime.LibraryPath, elsewhere);
            }
            else
            {
                File.CreateSymbolicLink(elsewhere, OnnxRuntime.LibraryPath);
            }

            Assert.Equal(elsewhere, ReadInFreshContext("LibraryPath", elsewhere));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Reads a static property of OnnxRuntime from a fresh copy of the assembly; returns its value or the exception it threw.</summary>
    private static object? ReadInFreshContext(string property, string overridePath)
    {
        var context = new AssemblyLoadContext($"pv-onnx-{Guid.NewGuid():N}", isCollectible: true);
        var previous = Environment.GetEnvironmentVariable(OnnxRuntime.LibraryPathVariable);
        Environment.SetEnvironmentVariable(OnnxRuntime.LibraryPathVariable, overridePath);
        try
        {
            var assembly = context.LoadFromAssemblyPath(typeof(OnnxRuntime).Assembly.Location);
            var type = assembly.GetType(typeof(OnnxRuntime).FullName!, throwOnError: true)!;
            Assert.NotSame(typeof(OnnxRuntime), type);
            try
            {
                return type.GetProperty(property)!.GetValue(null);
            }
            catch (TargetInvocationException ex)
            {
                return ex.InnerException;
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(OnnxRuntime.LibraryPathVariable, previous);
            context.Unload();
        }
    }
}
