namespace ProgressVision.Onnx.Tests.ModelBuilding;

/// <summary>
/// A small image-tile classifier with known weights: Conv 3×3 (pad 1) → Relu → GlobalAveragePool →
/// Flatten → Gemm → Softmax, the shape of network the healing-issue model will have
/// (N×C×H×W float tiles in, N×classes probabilities out). Outputs both "logits" and "probabilities".
/// </summary>
public sealed class TileClassifierModel
{
    /// <summary>Input name.</summary>
    public const string InputName = "tiles";

    /// <summary>Pre-softmax output.</summary>
    public const string LogitsName = "logits";

    /// <summary>Softmax output.</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>Name of the symbolic batch axis.</summary>
    public const string BatchSymbol = "batch";

    /// <summary>Builds the model with weights drawn from a fixed seed.</summary>
    /// <param name="channels">Input channels C.</param>
    /// <param name="height">Tile height H.</param>
    /// <param name="width">Tile width W.</param>
    /// <param name="filters">Conv output channels.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="seed">Weight seed.</param>
    /// <param name="fixedBatch">A fixed batch size, or null for the symbolic "batch" axis.</param>
    public TileClassifierModel(int channels, int height, int width, int filters, int classes, int seed = 1234, long? fixedBatch = null)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Filters = filters;
        Classes = classes;
        var random = new Random(seed);
        ConvWeights = Uniform(random, filters * channels * 9, 0.5f);
        ConvBias = Uniform(random, filters, 0.1f);
        FcWeights = Uniform(random, classes * filters, 1.5f);
        FcBias = Uniform(random, classes, 0.2f);

        object batch = fixedBatch.HasValue ? fixedBatch.Value : BatchSymbol;
        Bytes = new OnnxGraph()
            .Input(InputName, OnnxGraph.Float, batch, (long)channels, (long)height, (long)width)
            .Initializer("conv_w", ConvWeights, filters, channels, 3, 3)
            .Initializer("conv_b", ConvBias, filters)
            .Initializer("fc_w", FcWeights, classes, filters)
            .Initializer("fc_b", FcBias, classes)
            .Node("Conv", [InputName, "conv_w", "conv_b"], ["conv"],
                ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 1, 1 }), ("strides", new long[] { 1, 1 }))
            .Node("Relu", ["conv"], ["relu"])
            .Node("GlobalAveragePool", ["relu"], ["pooled"])
            .Node("Flatten", ["pooled"], ["features"], ("axis", 1L))
            .Node("Gemm", ["features", "fc_w", "fc_b"], [LogitsName], ("transB", 1L), ("alpha", 1.0f), ("beta", 1.0f))
            .Node("Softmax", [LogitsName], [ProbabilitiesName], ("axis", 1L))
            .Output(LogitsName, OnnxGraph.Float, batch, (long)classes)
            .Output(ProbabilitiesName, OnnxGraph.Float, batch, (long)classes)
            .ToModelBytes("tile_classifier");
    }

    /// <summary>Input channels.</summary>
    public int Channels { get; }

    /// <summary>Tile height.</summary>
    public int Height { get; }

    /// <summary>Tile width.</summary>
    public int Width { get; }

    /// <summary>Conv output channels.</summary>
    public int Filters { get; }

    /// <summary>Classes.</summary>
    public int Classes { get; }

    /// <summary>[filters, channels, 3, 3].</summary>
    public float[] ConvWeights { get; }

    /// <summary>[filters].</summary>
    public float[] ConvBias { get; }

    /// <summary>[classes, filters] (Gemm with transB = 1).</summary>
    public float[] FcWeights { get; }

    /// <summary>[classes].</summary>
    public float[] FcBias { get; }

    /// <summary>The serialized model.</summary>
    public byte[] Bytes { get; }

    /// <summary>Elements in one tile.</summary>
    public int TileLength => Channels * Height * Width;

    /// <summary>Input shape for a batch.</summary>
    public long[] InputShape(int batch) => [batch, Channels, Height, Width];

    /// <summary>Deterministic tile data in [0, 1) like normalized pixels.</summary>
    public float[] MakeTiles(int batch, int seed)
    {
        var random = new Random(seed);
        var data = new float[batch * TileLength];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }

        return data;
    }

    private static float[] Uniform(Random random, int count, float scale)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }
}
