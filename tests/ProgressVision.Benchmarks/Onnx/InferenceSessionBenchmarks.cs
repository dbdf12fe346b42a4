using BenchmarkDotNet.Attributes;
using ProgressVision.Onnx;
using ProgressVision.Onnx.Native;
using ProgressVision.Onnx.Tests.ModelBuilding;

namespace ProgressVision.Benchmarks.Onnx;

/// <summary>
/// Per-call cost of our binding on a model that does almost nothing (y = x + x over 4 floats), beside the
/// same call made straight through the C API with no validation, SafeHandles or pinning: the difference
/// is the binding's own overhead.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public unsafe class InferenceSessionOverheadBenchmarks
{
    private static readonly long[] s_shape = [4];
    private readonly float[] _x = GC.AllocateArray<float>(4, pinned: true);
    private readonly float[] _y = GC.AllocateArray<float>(4, pinned: true);
    private readonly byte[] _inputName = GC.AllocateArray<byte>(2, pinned: true);
    private readonly byte[] _outputName = GC.AllocateArray<byte>(2, pinned: true);
    private InferenceSession _session = null!;
    private TensorInput[] _inputs = null!;
    private TensorOutput[] _outputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = new OnnxGraph()
            .Input("x", OnnxGraph.Float, "n")
            .Node("Add", ["x", "x"], ["y"])
            .Output("y", OnnxGraph.Float, "n")
            .ToModelBytes("tiny_add");
        _session = InferenceSession.FromBytes(model, new InferenceSessionOptions { IntraOpThreads = 1 });
        _x.AsSpan().Fill(1.5f);
        _inputs = [new TensorInput("x", _x, s_shape)];
        _outputs = [new TensorOutput("y", _y, s_shape)];
        _inputName[0] = (byte)'x';
        _outputName[0] = (byte)'y';
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    /// <summary>Binding: outputs copied into new arrays.</summary>
    [Benchmark]
    public float RunOwnedOutput() => _session.Run(_inputs)[0].Data[3];

    /// <summary>Binding: output written into the caller's buffer.</summary>
    [Benchmark]
    public float RunIntoCallerBuffer()
    {
        _session.Run(_inputs, _outputs);
        return _y[3];
    }

    /// <summary>The same work through the raw C API: wrap input and output, Run, release both.</summary>
    [Benchmark(Baseline = true)]
    public float RawCApi()
    {
        var runtime = OrtRuntime.Instance;
        var api = runtime.Api;
        var memory = runtime.CpuMemory.DangerousGetHandle();
        nint input, output;
        fixed (long* shape = s_shape)
        fixed (float* x = _x)
        fixed (float* y = _y)
        {
            api.Check(api.CreateTensorWithDataAsOrtValue(memory, x, 16, shape, 1, 1, &input), "raw input");
            api.Check(api.CreateTensorWithDataAsOrtValue(memory, y, 16, shape, 1, 1, &output), "raw output");
        }

        fixed (byte* inName = _inputName)
        fixed (byte* outName = _outputName)
        {
            var inNamePtr = (nint)inName;
            var outNamePtr = (nint)outName;
            api.Check(api.Run(_session.NativeSession.DangerousGetHandle(), 0, &inNamePtr, &input, 1, &outNamePtr, 1, &output), "raw run");
        }

        api.ReleaseValue(input);
        api.ReleaseValue(output);
        return _y[3];
    }
}

/// <summary>
/// Throughput for healing-model-sized input: N×6×64×64 float tiles through Conv(8, 3×3) → Relu →
/// GlobalAveragePool → Gemm(4) → Softmax, probabilities written into a caller buffer (the zero-copy path
/// the healing classifier uses).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class TileClassifierThroughputBenchmarks
{
    private TileClassifierModel _model = null!;
    private InferenceSession _session = null!;
    private TensorInput[] _inputs = null!;
    private TensorOutput[] _outputs = null!;

    /// <summary>Tiles per call.</summary>
    [Params(1, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new TileClassifierModel(channels: 6, height: 64, width: 64, filters: 8, classes: 4, seed: 99);
        _session = InferenceSession.FromBytes(_model.Bytes);
        _inputs = [new TensorInput(TileClassifierModel.InputName, _model.MakeTiles(Batch, seed: 1), _model.InputShape(Batch))];
        _outputs = [new TensorOutput(TileClassifierModel.ProbabilitiesName, new float[Batch * _model.Classes], new long[] { Batch, _model.Classes })];
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    [Benchmark]
    public void ClassifyTiles() => _session.Run(_inputs, _outputs);
}
