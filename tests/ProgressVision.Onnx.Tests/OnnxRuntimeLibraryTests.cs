using System.Runtime.InteropServices;
using ProgressVision.Onnx.Native;

namespace ProgressVision.Onnx.Tests;

public class OnnxRuntimeLibraryTests
{
    [Fact]
    public void Loaded_library_reports_the_pinned_version()
    {
        Assert.Equal("1.30.0", OnnxRuntime.Version);
        Assert.Equal("1.30.0", OnnxRuntime.ExpectedVersion);
    }

    [Fact]
    public void Library_is_the_one_the_build_placed_next_to_the_assemblies()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OnnxRuntime.LibraryPathVariable)))
        {
            return; // the user pointed elsewhere on purpose
        }

        Assert.Equal(
            Path.GetFullPath(AppContext.BaseDirectory),
            Path.GetFullPath(Path.GetDirectoryName(OnnxRuntime.LibraryPath)! + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void Build_info_comes_from_table_slot_254_proving_the_slot_count()
    {
        // GetBuildInfoString sits at slot 254 of OrtApi; a miscount anywhere below it would return garbage or crash.
        Assert.StartsWith("ORT Build Info", OnnxRuntime.BuildInfo, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_library_names_every_path_tried_and_the_fix()
    {
        var missing = Path.Combine(Path.GetTempPath(), "pv-no-such-dir", "libonnxruntime.so.1");
        var ex = Assert.Throws<OnnxRuntimeLibraryException>(() => OnnxRuntimeLibrary.Load([missing]));
        Assert.Equal([missing], ex.TriedPaths);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("no such file", ex.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxRuntime.LibraryPathVariable, ex.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_library_is_refused_with_the_loader_reason()
    {
        var bogus = Path.Combine(Path.GetTempPath(), $"pv-bogus-{Guid.NewGuid():N}.so");
        File.WriteAllText(bogus, "this is not a shared library");
        try
        {
            var ex = Assert.Throws<OnnxRuntimeLibraryException>(() => OnnxRuntimeLibrary.Load([bogus]));
            Assert.Contains(bogus, ex.Message, StringComparison.Ordinal);
            Assert.Contains("loader refused it", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bogus);
        }
    }

    [Fact]
    public void A_real_library_that_is_not_onnx_runtime_is_refused()
    {
        // The JIT ships with every .NET runtime and exports no OrtGetApiBase.
        var jit = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(),
            OperatingSystem.IsWindows() ? "clrjit.dll" : OperatingSystem.IsMacOS() ? "libclrjit.dylib" : "libclrjit.so");
        Assert.True(File.Exists(jit), $"expected the .NET JIT at {jit}");
        var ex = Assert.Throws<OnnxRuntimeLibraryException>(() => OnnxRuntimeLibrary.Load([jit]));
        Assert.Contains("not ONNX Runtime", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_path_is_the_only_candidate()
    {
        var custom = Path.Combine(Path.GetTempPath(), "custom", "libonnxruntime.so.1");
        Assert.Equal([Path.GetFullPath(custom)], OnnxRuntimeLibrary.CandidatePaths(custom, ["/a", "/b"]));
    }

    [Fact]
    public void Default_candidates_search_each_directory_for_each_platform_name()
    {
        var dirA = Path.Combine(Path.GetTempPath(), "a");
        var dirB = Path.Combine(Path.GetTempPath(), "b");
        var candidates = OnnxRuntimeLibrary.CandidatePaths(null, [dirA, dirB, dirA, null]);
        var names = OnnxRuntimeLibrary.LibraryFileNames();
        Assert.Equal(2 * names.Count, candidates.Count);
        Assert.Equal(Path.Combine(dirA, names[0]), candidates[0]);
        Assert.Equal(Path.Combine(dirB, names[0]), candidates[names.Count]);
    }
}
