using System.Text;

namespace ProgressVision.Onnx;

/// <summary>What a model declares about one of its inputs or outputs.</summary>
/// <param name="Name">The name to pass to <c>Run</c>.</param>
/// <param name="ElementType">The element type, or <see cref="TensorElementType.Undefined"/> for a non-tensor value.</param>
/// <param name="Dimensions">The declared size of each axis; -1 where the size is free (symbolic or unnamed).</param>
/// <param name="SymbolicDimensions">The declared name of each free axis (e.g. "batch"); empty for fixed or unnamed axes.</param>
public sealed record TensorMetadata(string Name, TensorElementType ElementType, IReadOnlyList<long> Dimensions, IReadOnlyList<string> SymbolicDimensions)
{
    /// <summary>False for sequences, maps and other non-tensor values.</summary>
    public bool IsTensor => ElementType != TensorElementType.Undefined;

    /// <summary>Rank of the tensor.</summary>
    public int Rank => Dimensions.Count;

    /// <summary>E.g. "tiles: Float32[batch,6,64,64]".</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Name).Append(": ").Append(ElementType).Append('[');
        for (var i = 0; i < Dimensions.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            if (Dimensions[i] >= 0)
            {
                text.Append(Dimensions[i]);
            }
            else
            {
                text.Append(SymbolicDimensions[i].Length > 0 ? SymbolicDimensions[i] : "?");
            }
        }

        return text.Append(']').ToString();
    }
}
