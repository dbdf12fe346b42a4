using ProgressVision.Onnx.Tests.ModelBuilding;

namespace ProgressVision.Onnx.Tests;

/// <summary>Bad models and bad inputs end in clear exceptions carrying ONNX Runtime's code, never a crash.</summary>
public class InferenceSessionErrorTests
{
    [Fact]
    public void Corrupt_model_bytes_report_an_invalid_protobuf()
    {
        var garbage = new byte[256];
        new Random(1).NextBytes(garbage);
        var ex = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.FromBytes(garbage, sourceName: "garbage.onnx"));
        Assert.Equal(OrtErrorCode.InvalidProtobuf, ex.ErrorCode);
        Assert.Contains("garbage.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ORT_INVALID_PROTOBUF", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.NativeMessage));
    }

    [Fact]
    public void Truncated_model_bytes_are_rejected()
    {
        var bytes = TestModels.Small.Bytes;
        var ex = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.FromBytes(bytes.AsSpan(0, bytes.Length / 2)));
        Assert.NotEqual(OrtErrorCode.Ok, ex.ErrorCode);
        Assert.Contains("in-memory model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_model_file_reports_no_such_file_with_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pv-missing-{Guid.NewGuid():N}.onnx");
        var ex = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.FromFile(path));
        Assert.Equal(OrtErrorCode.NoSuchFile, ex.ErrorCode);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_input_name_is_reported_by_onnx_runtime_with_the_model_inputs()
    {
        var model = TestModels.Small;
        using var session = InferenceSession.FromBytes(model.Bytes, sourceName: "small.onnx");
        var ex = Assert.Throws<OnnxRuntimeException>(() =>
            session.Run([new TensorInput("pixels", model.MakeTiles(1, 1), model.InputShape(1))]));
        Assert.Equal(OrtErrorCode.InvalidArgument, ex.ErrorCode);
        Assert.Contains("pixels", ex.NativeMessage, StringComparison.Ordinal);
        Assert.Contains("tiles: Float32[batch,3,8,8]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_output_name_is_reported()
    {
        var model = TestModels.Small;
        using var session = InferenceSession.FromBytes(model.Bytes);
        var ex = Assert.Throws<OnnxRuntimeException>(() =>
            session.Run([new TensorInput(TileClassifierModel.InputName, model.MakeTiles(1, 1), model.InputShape(1))], ["scores"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, ex.ErrorCode);
        Assert.Contains("scores", ex.NativeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_shape_is_rejected_by_onnx_runtime()
    {
        var model = TestModels.Small;
        using var session = InferenceSession.FromBytes(model.Bytes);
        var data = new float[3 * 9 * 8];
        var ex = Assert.Throws<OnnxRuntimeException>(() =>
            session.Run([new TensorInput(TileClassifierModel.InputName, data, new long[] { 1, 3, 9, 8 })]));
        Assert.Equal(OrtErrorCode.InvalidArgument, ex.ErrorCode);

        var rank = Assert.Throws<OnnxRuntimeException>(() =>
            session.Run([new TensorInput(TileClassifierModel.InputName, data, new long[] { 3 * 9 * 8 })]));
        Assert.Equal(OrtErrorCode.InvalidArgument, rank.ErrorCode);
    }

    [Fact]
    public void Wrong_element_type_is_rejected_by_onnx_runtime()
    {
        using var session = InferenceSession.FromBytes(TestModels.DoubleIdentity);
        var ex = Assert.Throws<OnnxRuntimeException>(() =>
            session.Run([new TensorInput("x", new float[] { 1, 2 }, new long[] { 2 })]));
        Assert.Equal(OrtErrorCode.InvalidArgument, ex.ErrorCode);
        Assert.Contains("double", ex.NativeMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Data_shorter_or_longer_than_the_shape_never_reaches_native_code()
    {
        var model = TestModels.Small;
        using var session = InferenceSession.FromBytes(model.Bytes);
        var tooShort = Assert.Throws<ArgumentException>(() =>
            session.Run([new TensorInput(TileClassifierModel.InputName, new float[10], model.InputShape(1))]));
        Assert.Contains("holds 192 floats but the buffer holds 10", tooShort.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() =>
            session.Run([new TensorInput(TileClassifierModel.InputName, new float[500], model.InputShape(2))]));
        Assert.Throws<ArgumentException>(() =>
            session.Run([new TensorInput(TileClassifierModel.InputName, new float[1], new long[] { -1 })]));
    }

    [Fact]
    public void Caller_output_buffer_of_the_wrong_shape_is_rejected()
    {
        var model = TestModels.Small;
        using var session = InferenceSession.FromBytes(model.Bytes);
        var wrong = new float[3 * model.Classes];
        var ex = Assert.Throws<OnnxRuntimeException>(() => session.Run(
            [new TensorInput(TileClassifierModel.InputName, model.MakeTiles(2, 1), model.InputShape(2))],
            [new TensorOutput(TileClassifierModel.ProbabilitiesName, wrong, new long[] { 3, model.Classes })]));
        Assert.NotEqual(OrtErrorCode.Ok, ex.ErrorCode);
    }

    [Fact]
    public void Non_float_output_is_refused_by_name_and_type_without_leaking()
    {
        using var session = InferenceSession.FromBytes(TestModels.CastToDouble, sourceName: "cast.onnx");
        Assert.Equal(TensorElementType.Float64, session.Outputs[0].ElementType);
        var ex = Assert.Throws<NotSupportedException>(() => session.Run([new TensorInput("x", new float[] { 1, 2 }, new long[] { 2 })]));
        Assert.Contains("output 'y'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Float64", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cast.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_is_idempotent_and_run_afterwards_is_refused()
    {
        var model = TestModels.Small;
        var session = InferenceSession.FromBytes(model.Bytes);
        session.Dispose();
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() =>
            session.Run([new TensorInput(TileClassifierModel.InputName, model.MakeTiles(1, 1), model.InputShape(1))]));
    }

    [Fact]
    public void Negative_thread_count_is_rejected_before_loading()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            InferenceSession.FromBytes(TestModels.Small.Bytes, new InferenceSessionOptions { IntraOpThreads = -1 }));
    }
}
