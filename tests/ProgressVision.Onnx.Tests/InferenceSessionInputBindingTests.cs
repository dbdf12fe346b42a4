using ProgressVision.Onnx.Tests.ModelBuilding;

namespace ProgressVision.Onnx.Tests;

public class InferenceSessionInputBindingTests
{
    [Fact]
    public void Inputs_are_bound_by_name_not_by_position()
    {
        var model = new OnnxGraph()
            .Input("a", OnnxGraph.Float, 3L)
            .Input("b", OnnxGraph.Float, 3L)
            .Node("Sub", ["a", "b"], ["d"])
            .Output("d", OnnxGraph.Float, 3L)
            .ToModelBytes();
        using var session = InferenceSession.FromBytes(model);
        long[] shape = [3];

        var d = session.Run([new TensorInput("b", new float[] { 1, 2, 3 }, shape), new TensorInput("a", new float[] { 10, 20, 30 }, shape)])[0];

        Assert.Equal([9f, 18f, 27f], d.Data);
    }

    [Fact]
    public void More_tensors_than_the_stack_frame_holds_still_run()
    {
        // Nine inputs and two bound outputs: beyond the 8 tensors kept on the stack.
        const int inputCount = 9;
        var graph = new OnnxGraph();
        var names = Enumerable.Range(0, inputCount).Select(i => $"x{i}").ToArray();
        foreach (var name in names)
        {
            graph.Input(name, OnnxGraph.Float, 2L);
        }

        var model = graph
            .Node("Sum", names, ["total"])
            .Node("Neg", ["total"], ["negated"])
            .Output("total", OnnxGraph.Float, 2L)
            .Output("negated", OnnxGraph.Float, 2L)
            .ToModelBytes();
        using var session = InferenceSession.FromBytes(model);
        long[] shape = [2];
        var inputs = names.Select((name, i) => new TensorInput(name, new float[] { i + 1, 10 * (i + 1) }, shape)).ToArray();
        var total = new float[2];
        var negated = new float[2];

        session.Run(inputs, [new TensorOutput("total", total, shape), new TensorOutput("negated", negated, shape)]);

        Assert.Equal([45f, 450f], total);
        Assert.Equal([-45f, -450f], negated);
    }
}
