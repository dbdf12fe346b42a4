namespace ProgressVision.Onnx;

/// <summary>
/// A float32 input over memory the caller owns. <c>Run</c> pins <see cref="Data"/> for the duration of
/// the call and hands ONNX Runtime a pointer to it; nothing is copied.
/// </summary>
public readonly struct TensorInput
{
    /// <summary>Creates an input.</summary>
    /// <param name="name">The model input's name.</param>
    /// <param name="data">Row-major (C order) elements; must hold exactly the product of <paramref name="shape"/>.</param>
    /// <param name="shape">Size of each axis, e.g. [batch, channels, height, width].</param>
    public TensorInput(string name, ReadOnlyMemory<float> data, ReadOnlyMemory<long> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Data = data;
        Shape = shape;
    }

    /// <summary>The model input's name.</summary>
    public string Name { get; }

    /// <summary>The elements, row-major.</summary>
    public ReadOnlyMemory<float> Data { get; }

    /// <summary>Size of each axis.</summary>
    public ReadOnlyMemory<long> Shape { get; }
}
