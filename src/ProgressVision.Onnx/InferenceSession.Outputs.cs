using ProgressVision.Onnx.Native;

namespace ProgressVision.Onnx;

// Reading the tensors ONNX Runtime allocated for a Run into managed arrays.
public sealed unsafe partial class InferenceSession
{
    /// <summary>Takes ownership of the values ONNX Runtime returned and copies each into a new <see cref="FloatTensor"/>.</summary>
    private FloatTensor[] TakeOutputs(ReadOnlySpan<nint> outputValues, IReadOnlyList<string> names)
    {
        var api = _runtime.Api;
        var owners = new OrtValueHandle[names.Count];
        for (var i = 0; i < owners.Length; i++)
        {
            // Adopt every value first so all of them are released even if reading one fails.
            owners[i] = new OrtValueHandle(api);
            owners[i].Adopt(outputValues[i]);
        }

        try
        {
            var results = new FloatTensor[names.Count];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = CopyTensor(owners[i], names[i]);
            }

            return results;
        }
        finally
        {
            foreach (var owner in owners)
            {
                owner.Dispose();
            }
        }
    }

    private FloatTensor CopyTensor(OrtValueHandle value, string name)
    {
        var api = _runtime.Api;
        // The context text is only formatted if a call fails: this runs once per output per Run.
        var state = (Name: name, Source);
        static string Context((string Name, string Source) s) => $"reading output '{s.Name}' of model '{s.Source}'";
        using var info = new OrtTensorTypeAndShapeInfoHandle(api);
        nint native;
        api.Check(api.GetTensorTypeAndShape(value.DangerousGetHandle(), &native), state, Context);
        info.Adopt(native);

        int elementType;
        api.Check(api.GetTensorElementType(native, &elementType), state, Context);
        if (elementType != (int)TensorElementType.Float32)
        {
            throw new NotSupportedException(
                $"Model '{Source}': output '{name}' has element type {(TensorElementType)elementType}; only Float32 outputs can be read.");
        }

        var shape = ReadDimensions(native, state, Context);
        nuint count;
        api.Check(api.GetTensorShapeElementCount(native, &count), state, Context);
        var data = new float[checked((int)count)];
        void* source;
        api.Check(api.GetTensorMutableData(value.DangerousGetHandle(), &source), state, Context);
        new ReadOnlySpan<float>(source, data.Length).CopyTo(data);
        return new FloatTensor(name, data, shape);
    }

    private long[] ReadDimensions<TState>(nint tensorInfo, TState state, Func<TState, string> context)
    {
        var api = _runtime.Api;
        nuint rank;
        api.Check(api.GetDimensionsCount(tensorInfo, &rank), state, context);
        var dims = new long[(int)rank];
        fixed (long* d = dims)
        {
            api.Check(api.GetDimensions(tensorInfo, d, rank), state, context);
        }

        return dims;
    }
}
