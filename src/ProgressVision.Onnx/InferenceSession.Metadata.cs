using System.Runtime.InteropServices;
using ProgressVision.Onnx.Native;

namespace ProgressVision.Onnx;

// Reading the model's declared inputs and outputs once, at load.
public sealed unsafe partial class InferenceSession
{
    private TensorMetadata[] ReadMetadata(bool isInput)
    {
        var api = _runtime.Api;
        var session = _session.DangerousGetHandle();
        var kind = isInput ? "input" : "output";
        var context = $"reading the {kind}s of model '{Source}'";
        nuint count;
        api.Check(isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count), context);
        var result = new TensorMetadata[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            api.Check(
                isInput ? api.SessionGetInputName(session, i, _runtime.DefaultAllocator, &rawName) : api.SessionGetOutputName(session, i, _runtime.DefaultAllocator, &rawName),
                context);
            var name = api.TakeAllocatedString(rawName, _runtime.DefaultAllocator);

            using var typeInfo = new OrtTypeInfoHandle(api);
            nint native;
            api.Check(isInput ? api.SessionGetInputTypeInfo(session, i, &native) : api.SessionGetOutputTypeInfo(session, i, &native), context);
            typeInfo.Adopt(native);
            result[(int)i] = DescribeType(name, native, context);
        }

        return result;
    }

    private TensorMetadata DescribeType(string name, nint typeInfo, string context)
    {
        var api = _runtime.Api;
        int onnxType;
        api.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, &onnxType), context);
        if (onnxType != 1)
        {
            // 1 = ONNX_TYPE_TENSOR; sequences, maps and optionals are described as non-tensors.
            return new TensorMetadata(name, TensorElementType.Undefined, [], []);
        }

        // The tensor info belongs to the type info: it must not be released separately.
        nint tensorInfo;
        api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), context);
        int elementType;
        api.Check(api.GetTensorElementType(tensorInfo, &elementType), context);
        var dims = ReadDimensions(tensorInfo, context, static c => c);
        var symbols = new string[dims.Length];
        var symbolPointers = new nint[dims.Length];
        fixed (nint* p = symbolPointers)
        {
            api.Check(api.GetSymbolicDimensions(tensorInfo, (byte**)p, (nuint)dims.Length), context);
        }

        for (var d = 0; d < dims.Length; d++)
        {
            symbols[d] = Marshal.PtrToStringUTF8(symbolPointers[d]) ?? string.Empty;
        }

        return new TensorMetadata(name, (TensorElementType)elementType, dims, symbols);
    }
}
