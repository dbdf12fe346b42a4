namespace ProgressVision.Onnx.Tests;

public class InferenceSessionMetadataTests
{
    [Fact]
    public void Inputs_and_outputs_read_back_with_types_and_symbolic_dimensions()
    {
        using var session = InferenceSession.FromBytes(TestModels.Small.Bytes);

        var input = Assert.Single(session.Inputs);
        Assert.Equal("tiles", input.Name);
        Assert.Equal(TensorElementType.Float32, input.ElementType);
        Assert.Equal([-1L, 3, 8, 8], input.Dimensions);
        Assert.Equal(["batch", "", "", ""], input.SymbolicDimensions);
        Assert.Equal("tiles: Float32[batch,3,8,8]", input.ToString());

        Assert.Equal(["logits", "probabilities"], session.Outputs.Select(o => o.Name));
        foreach (var output in session.Outputs)
        {
            Assert.Equal(TensorElementType.Float32, output.ElementType);
            Assert.Equal([-1L, 4], output.Dimensions);
            Assert.Equal(["batch", ""], output.SymbolicDimensions);
        }
    }

    [Fact]
    public void Fixed_dimensions_and_other_element_types_read_back()
    {
        using (var fixedBatch = InferenceSession.FromBytes(TestModels.FixedBatch.Bytes))
        {
            Assert.Equal([2L, 3, 8, 8], fixedBatch.Inputs[0].Dimensions);
            Assert.All(fixedBatch.Inputs[0].SymbolicDimensions, s => Assert.Equal(string.Empty, s));
        }

        using var doubles = InferenceSession.FromBytes(TestModels.DoubleIdentity);
        Assert.Equal(TensorElementType.Float64, doubles.Inputs[0].ElementType);
        Assert.Equal([2L], doubles.Inputs[0].Dimensions);
        Assert.Equal(TensorElementType.Float64, doubles.Outputs[0].ElementType);
    }

    [Fact]
    public void Model_loads_from_a_file_and_reports_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pv-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, TestModels.Small.Bytes);
        try
        {
            using var session = InferenceSession.FromFile(path);
            Assert.Equal(Path.GetFullPath(path), session.Source);
            Assert.Equal("tiles", session.Inputs[0].Name);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
