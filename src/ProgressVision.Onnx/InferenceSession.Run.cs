using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ProgressVision.Onnx.Native;

namespace ProgressVision.Onnx;

// The machinery behind every Run overload: validation, name resolution, pinning, wrapping, the native call.
public sealed unsafe partial class InferenceSession
{
    /// <summary>
    /// The shared body of every <c>Run</c>: check lengths, resolve input names, pin every buffer, wrap each
    /// as an ONNX Runtime tensor, call <c>OrtApi::Run</c>, release. Bound outputs fill
    /// <paramref name="outputValues"/> with caller-backed tensors; otherwise ONNX Runtime allocates them.
    /// </summary>
    private void RunCore(ReadOnlySpan<TensorInput> inputs, ReadOnlySpan<TensorOutput> boundOutputs, Span<nint> outputNames, Span<nint> outputValues, List<byte[]>? temporaries)
    {
        var inputCount = inputs.Length;
        var tensorCount = inputCount + boundOutputs.Length;
        for (var i = 0; i < inputCount; i++)
        {
            CheckLength(inputs[i].Data.Length, inputs[i].Shape.Span, "input", inputs[i].Name);
        }

        foreach (ref readonly var output in boundOutputs)
        {
            CheckLength(output.Destination.Length, output.Shape.Span, "output", output.Name);
        }

        Span<nint> inputNames = inputCount <= StackTensors ? stackalloc nint[StackTensors] : new nint[inputCount];
        Span<nint> inputValues = inputCount <= StackTensors ? stackalloc nint[StackTensors] : new nint[inputCount];
        Span<nint> data = tensorCount <= StackTensors ? stackalloc nint[StackTensors] : new nint[tensorCount];
        for (var i = 0; i < inputCount; i++)
        {
            inputNames[i] = ResolveName(inputs[i].Name, _inputNames, ref temporaries);
        }

        var frame = new RunFrame
        {
            Inputs = inputs,
            BoundOutputs = boundOutputs,
            Data = data[..tensorCount],
            InputNames = inputNames[..inputCount],
            InputValues = inputValues[..inputCount],
            OutputNames = outputNames,
            OutputValues = outputValues,
        };

        var addedRef = false;
        try
        {
            // Throws ObjectDisposedException after Dispose; otherwise keeps the native session alive until we release it.
            _session.DangerousAddRef(ref addedRef);
            PinThenRun(ref frame, 0);
        }
        finally
        {
            if (addedRef)
            {
                _session.DangerousRelease();
            }

            // The name buffers must outlive the native call even if nothing else references this session.
            GC.KeepAlive(temporaries);
            GC.KeepAlive(this);
        }
    }

    /// <summary>
    /// Pins tensor <paramref name="index"/> with <c>fixed</c> (a stack root, no GC handle) and recurses, so
    /// every buffer is pinned exactly while the innermost frame runs the model and no longer.
    /// </summary>
    private void PinThenRun(scoped ref RunFrame frame, int index)
    {
        var inputCount = frame.Inputs.Length;
        if (index < inputCount)
        {
            fixed (float* p = frame.Inputs[index].Data.Span)
            {
                frame.Data[index] = (nint)p;
                PinThenRun(ref frame, index + 1);
            }

            return;
        }

        if (index < frame.Data.Length)
        {
            fixed (float* p = frame.BoundOutputs[index - inputCount].Destination.Span)
            {
                frame.Data[index] = (nint)p;
                PinThenRun(ref frame, index + 1);
            }

            return;
        }

        WrapAndRun(ref frame);
    }

    private void WrapAndRun(scoped ref RunFrame frame)
    {
        var api = _runtime.Api;
        var inputCount = frame.Inputs.Length;
        var owners = default(TensorOwners);
        Span<OrtValueHandle?> values = frame.Data.Length <= StackTensors ? owners : new OrtValueHandle?[frame.Data.Length];
        try
        {
            for (var i = 0; i < frame.Data.Length; i++)
            {
                if (i < inputCount)
                {
                    ref readonly var input = ref frame.Inputs[i];
                    values[i] = WrapPinned(frame.Data[i], input.Data.Length, input.Shape.Span, input.Name);
                    frame.InputValues[i] = values[i]!.DangerousGetHandle();
                }
                else
                {
                    ref readonly var output = ref frame.BoundOutputs[i - inputCount];
                    values[i] = WrapPinned(frame.Data[i], output.Destination.Length, output.Shape.Span, output.Name);
                    frame.OutputValues[i - inputCount] = values[i]!.DangerousGetHandle();
                }
            }

            fixed (nint* inputNames = frame.InputNames)
            fixed (nint* inputValues = frame.InputValues)
            fixed (nint* outputNames = frame.OutputNames)
            fixed (nint* outputValues = frame.OutputValues)
            {
                var status = api.Run(_session.DangerousGetHandle(), 0, inputNames, inputValues, (nuint)frame.InputNames.Length, outputNames, (nuint)frame.OutputNames.Length, outputValues);
                api.Check(status, this, static s => $"running model '{s.Source}' (inputs {string.Join("; ", s.Inputs)}; outputs {string.Join("; ", s.Outputs)})");
            }
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    /// <summary>Wraps pinned caller memory as an ONNX Runtime float tensor of the given shape (no copy).</summary>
    private OrtValueHandle WrapPinned(nint data, int length, ReadOnlySpan<long> shape, string name)
    {
        if (length == 0)
        {
            data = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(s_emptyTensorStorage));
        }

        var api = _runtime.Api;
        var value = new OrtValueHandle(api);
        nint native;
        fixed (long* dims = shape)
        {
            // Element type 1 = ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT; the length argument is in bytes.
            api.Check(
                api.CreateTensorWithDataAsOrtValue(_runtime.CpuMemory.DangerousGetHandle(), (void*)data, (nuint)length * sizeof(float), dims, (nuint)shape.Length, (int)TensorElementType.Float32, &native),
                (Name: name, Source),
                static s => $"wrapping tensor '{s.Name}' of model '{s.Source}'");
        }

        value.Adopt(native);
        return value;
    }

    private void CheckLength(int length, ReadOnlySpan<long> shape, string kind, string name)
    {
        var elements = ElementCount(shape, kind, name);
        if (elements != length)
        {
            throw new ArgumentException(
                $"Model '{Source}', {kind} '{name}': shape [{string.Join(",", shape.ToArray())}] holds {elements} floats but the buffer holds {length}.");
        }
    }

    private static long ElementCount(ReadOnlySpan<long> shape, string kind, string name)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"{kind} '{name}': shape [{string.Join(",", shape.ToArray())}] has a negative dimension.");
            }

            count = checked(count * dimension);
        }

        return count;
    }

    /// <summary>The cached UTF-8 address of a known name; an unknown one is copied so ONNX Runtime can report it in its own words.</summary>
    private static nint ResolveName(string name, Utf8Names known, ref List<byte[]>? temporaries)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = known.IndexOf(name);
        if (index >= 0)
        {
            return known[index];
        }

        var copy = Utf8Names.ToPinnedUtf8(name);
        (temporaries ??= []).Add(copy);
        return Utf8Names.AddressOf(copy);
    }

    /// <summary>Everything one <c>Run</c> passes down the pinning recursion.</summary>
    private ref struct RunFrame
    {
        public ReadOnlySpan<TensorInput> Inputs;
        public ReadOnlySpan<TensorOutput> BoundOutputs;
        public Span<nint> Data;
        public Span<nint> InputNames;
        public Span<nint> InputValues;
        public Span<nint> OutputNames;
        public Span<nint> OutputValues;
    }

    /// <summary>Stack storage for the owners of the tensors one call wraps.</summary>
    [InlineArray(StackTensors)]
    private struct TensorOwners
    {
        private OrtValueHandle? _first;
    }
}
