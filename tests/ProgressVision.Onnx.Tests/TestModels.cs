using ProgressVision.Onnx.Tests.ModelBuilding;

namespace ProgressVision.Onnx.Tests;

/// <summary>The models the tests share, built once.</summary>
internal static class TestModels
{
    /// <summary>3×8×8 tiles, 5 filters, 4 classes, symbolic batch.</summary>
    public static readonly TileClassifierModel Small = new(channels: 3, height: 8, width: 8, filters: 5, classes: 4);

    /// <summary>Healing-model sized: 6×64×64 tiles, 8 filters, 4 classes, symbolic batch.</summary>
    public static readonly Lazy<TileClassifierModel> HealingSized = new(() => new(channels: 6, height: 64, width: 64, filters: 8, classes: 4, seed: 99));

    /// <summary>Same as <see cref="Small"/> but the batch axis is fixed at 2.</summary>
    public static readonly TileClassifierModel FixedBatch = new(channels: 3, height: 8, width: 8, filters: 5, classes: 4, fixedBatch: 2);

    /// <summary>y = Identity(x) on float64 [2]: an input whose element type float32 data does not match.</summary>
    public static readonly byte[] DoubleIdentity = new OnnxGraph()
        .Input("x", OnnxGraph.Double, 2L)
        .Node("Identity", ["x"], ["y"])
        .Output("y", OnnxGraph.Double, 2L)
        .ToModelBytes("double_identity");

    /// <summary>y = Cast&lt;double&gt;(x): a float32 input with a float64 output, which cannot be read as float.</summary>
    public static readonly byte[] CastToDouble = new OnnxGraph()
        .Input("x", OnnxGraph.Float, 2L)
        .Node("Cast", ["x"], ["y"], ("to", (long)OnnxGraph.Double))
        .Output("y", OnnxGraph.Double, 2L)
        .ToModelBytes("cast_to_double");

    /// <summary>y = x + x on float32 [n]: the smallest useful model, for overhead and leak checks.</summary>
    public static readonly byte[] TinyAdd = new OnnxGraph()
        .Input("x", OnnxGraph.Float, "n")
        .Node("Add", ["x", "x"], ["y"])
        .Output("y", OnnxGraph.Float, "n")
        .ToModelBytes("tiny_add");
}
