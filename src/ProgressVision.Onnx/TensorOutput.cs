namespace ProgressVision.Onnx;

/// <summary>
/// A caller-owned float32 buffer ONNX Runtime writes one output into directly (no copy). The shape must
/// be the one the model will produce for the given inputs, e.g. [batch, 4] for a 4-class classifier.
/// </summary>
public readonly struct TensorOutput
{
    /// <summary>Creates an output binding.</summary>
    /// <param name="name">The model output's name.</param>
    /// <param name="destination">Receives the elements row-major; must hold exactly the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The output's expected shape.</param>
    public TensorOutput(string name, Memory<float> destination, ReadOnlyMemory<long> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Destination = destination;
        Shape = shape;
    }

    /// <summary>The model output's name.</summary>
    public string Name { get; }

    /// <summary>Where ONNX Runtime writes the elements.</summary>
    public Memory<float> Destination { get; }

    /// <summary>The expected shape.</summary>
    public ReadOnlyMemory<long> Shape { get; }
}
