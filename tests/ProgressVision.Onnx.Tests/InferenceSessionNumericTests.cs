using ProgressVision.Onnx.Tests.ModelBuilding;

namespace ProgressVision.Onnx.Tests;

/// <summary>ONNX Runtime's float32 results against the double-precision reference computed in C#.</summary>
public class InferenceSessionNumericTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Small_classifier_matches_the_independent_computation(int batch)
    {
        var model = TestModels.Small;
        var tiles = model.MakeTiles(batch, seed: 7);
        using var session = InferenceSession.FromBytes(model.Bytes);

        var outputs = session.Run([new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))]);

        var (logits, probabilities) = TileClassifierReference.Compute(model, tiles, batch);
        AssertClose(logits, outputs[0], batch, model.Classes);
        AssertClose(probabilities, outputs[1], batch, model.Classes);
        // Guard against a trivially uniform output making the comparison meaningless.
        Assert.True(probabilities[0].Max() - probabilities[0].Min() > 0.05, "reference probabilities should be distinct");
    }

    [Fact]
    public void Healing_sized_tiles_match_the_independent_computation()
    {
        var model = TestModels.HealingSized.Value;
        const int batch = 3;
        var tiles = model.MakeTiles(batch, seed: 11);
        using var session = InferenceSession.FromBytes(model.Bytes);

        var outputs = session.Run([new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))]);

        var (logits, probabilities) = TileClassifierReference.Compute(model, tiles, batch);
        AssertClose(logits, outputs[0], batch, model.Classes);
        AssertClose(probabilities, outputs[1], batch, model.Classes);
    }

    [Fact]
    public void Every_option_combination_gives_the_same_numbers()
    {
        var model = TestModels.Small;
        var tiles = model.MakeTiles(2, seed: 3);
        var (_, reference) = TileClassifierReference.Compute(model, tiles, 2);
        foreach (var level in Enum.GetValues<GraphOptimizationLevel>())
        {
            foreach (var deterministic in new[] { false, true })
            {
                var options = new InferenceSessionOptions { IntraOpThreads = 1, OptimizationLevel = level, Deterministic = deterministic };
                using var session = InferenceSession.FromBytes(model.Bytes, options);
                var probabilities = session.Run([new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(2))], [TileClassifierModel.ProbabilitiesName]);
                Assert.Equal(TileClassifierModel.ProbabilitiesName, Assert.Single(probabilities).Name);
                AssertClose(reference, probabilities[0], 2, model.Classes);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spinning_on_or_off_gives_the_same_numbers(bool allowSpinning)
    {
        // Two intra-op threads so the spin setting (session.intra_op.allow_spinning, set through
        // AddSessionConfigEntry at OrtApi slot 130) reaches a real thread pool; a wrong slot would
        // call another function and fail or corrupt the run.
        var model = TestModels.HealingSized.Value;
        const int batch = 3;
        var tiles = model.MakeTiles(batch, seed: 13);
        var (_, reference) = TileClassifierReference.Compute(model, tiles, batch);
        var options = new InferenceSessionOptions { IntraOpThreads = 2, AllowSpinning = allowSpinning };
        using var session = InferenceSession.FromBytes(model.Bytes, options);
        for (int run = 0; run < 2; run++)
        {
            var probabilities = session.Run([new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))], [TileClassifierModel.ProbabilitiesName]);
            AssertClose(reference, probabilities[0], batch, model.Classes);
        }
    }

    [Fact]
    public void Batch_run_equals_separate_runs()
    {
        var model = TestModels.Small;
        const int batch = 6;
        var tiles = model.MakeTiles(batch, seed: 5);
        using var session = InferenceSession.FromBytes(model.Bytes);

        var batched = session.Run([new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))])[1];
        Assert.Equal([batch, (long)model.Classes], batched.Shape);
        for (var n = 0; n < batch; n++)
        {
            // A slice of the caller's array: no copy, just a window of the same memory.
            var one = new ReadOnlyMemory<float>(tiles, n * model.TileLength, model.TileLength);
            var single = session.Run([new TensorInput(TileClassifierModel.InputName, one, model.InputShape(1))])[1];
            for (var k = 0; k < model.Classes; k++)
            {
                Assert.Equal(single.Data[k], batched[n, k], 6);
            }
        }
    }

    [Fact]
    public void Outputs_written_into_caller_buffers_equal_owned_outputs()
    {
        var model = TestModels.Small;
        const int batch = 4;
        var tiles = model.MakeTiles(batch, seed: 9);
        using var session = InferenceSession.FromBytes(model.Bytes);
        var owned = session.Run([new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))]);

        // Write into the middle of a larger array to prove the exact window is used.
        var buffer = new float[(batch * model.Classes) + 2];
        buffer[0] = float.NaN;
        buffer[^1] = float.NaN;
        long[] outputShape = [batch, model.Classes];
        session.Run(
            [new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))],
            [new TensorOutput(TileClassifierModel.ProbabilitiesName, buffer.AsMemory(1, batch * model.Classes), outputShape)]);

        Assert.Equal(owned[1].Data, buffer[1..^1]);
        Assert.True(float.IsNaN(buffer[0]) && float.IsNaN(buffer[^1]), "writes must stay inside the window");
    }

    [Fact]
    public void Empty_batch_runs_and_returns_an_empty_tensor()
    {
        var model = TestModels.Small;
        using var session = InferenceSession.FromBytes(model.Bytes);
        var outputs = session.Run([new TensorInput(TileClassifierModel.InputName, ReadOnlyMemory<float>.Empty, model.InputShape(0))]);
        Assert.Equal([0L, model.Classes], outputs[1].Shape);
        Assert.Empty(outputs[1].Data);
    }

    private static void AssertClose(double[][] expected, FloatTensor actual, int batch, int classes)
    {
        Assert.Equal([batch, (long)classes], actual.Shape);
        for (var n = 0; n < batch; n++)
        {
            for (var k = 0; k < classes; k++)
            {
                var difference = Math.Abs(expected[n][k] - actual[n, k]);
                Assert.True(difference <= Tolerance, $"{actual.Name}[{n},{k}]: ONNX Runtime {actual[n, k]:R}, reference {expected[n][k]:R}, |diff| {difference:E2} > {Tolerance:E0}");
            }
        }
    }
}
