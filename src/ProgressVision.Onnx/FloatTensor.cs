namespace ProgressVision.Onnx;

/// <summary>An output copied out of ONNX Runtime into arrays the caller owns.</summary>
/// <param name="Name">The output's name.</param>
/// <param name="Data">The elements, row-major.</param>
/// <param name="Shape">Size of each axis.</param>
public sealed record FloatTensor(string Name, float[] Data, long[] Shape)
{
    /// <summary>The row-major flat index of an element given its coordinates (a bounds check per axis).</summary>
    public float this[params ReadOnlySpan<long> index]
    {
        get
        {
            if (index.Length != Shape.Length)
            {
                throw new ArgumentException($"Tensor '{Name}' has rank {Shape.Length}, not {index.Length}.", nameof(index));
            }

            long flat = 0;
            for (var axis = 0; axis < Shape.Length; axis++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index[axis], nameof(index));
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index[axis], Shape[axis], nameof(index));
                flat = (flat * Shape[axis]) + index[axis];
            }

            return Data[flat];
        }
    }
}
