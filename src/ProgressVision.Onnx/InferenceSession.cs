using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ProgressVision.Onnx.Native;

namespace ProgressVision.Onnx;

/// <summary>
/// A loaded ONNX model ready to run on ONNX Runtime's CPU execution provider.
/// </summary>
/// <remarks>
/// <para><c>Run</c> may be called from several threads at once (ONNX Runtime's <c>OrtSession::Run</c> is
/// thread-safe and every per-call object here is local to the call). <see cref="Dispose"/> is idempotent;
/// a <c>Run</c> still in flight keeps the native session alive until it returns.</para>
/// <para>Inputs are never copied: their memory is pinned for the duration of the call and wrapped as
/// ONNX Runtime tensors. Outputs are either copied once into new arrays (<see cref="FloatTensor"/>) or,
/// with <see cref="TensorOutput"/>, written by ONNX Runtime straight into the caller's buffers.</para>
/// </remarks>
public sealed unsafe class InferenceSession : IDisposable
{
    // ONNX Runtime rejects a null data pointer even for zero-element tensors, so empty inputs point here.
    private static readonly float[] s_emptyTensorStorage = GC.AllocateArray<float>(1, pinned: true);

    private readonly OrtRuntime _runtime;
    private readonly OrtSessionHandle _session;
    private readonly Utf8Names _inputNames;
    private readonly Utf8Names _outputNames;

    private InferenceSession(OrtRuntime runtime, OrtSessionHandle session, string source)
    {
        _runtime = runtime;
        _session = session;
        Source = source;
        Inputs = ReadMetadata(isInput: true);
        Outputs = ReadMetadata(isInput: false);
        _inputNames = new Utf8Names(Inputs.Select(i => i.Name).ToArray());
        _outputNames = new Utf8Names(Outputs.Select(o => o.Name).ToArray());
    }

    /// <summary>Where the model came from (its path, or a description of the in-memory bytes); used in error messages.</summary>
    public string Source { get; }

    /// <summary>The model's inputs, in declaration order.</summary>
    public IReadOnlyList<TensorMetadata> Inputs { get; }

    /// <summary>The model's outputs, in declaration order.</summary>
    public IReadOnlyList<TensorMetadata> Outputs { get; }

    /// <summary>Loads a model file.</summary>
    /// <exception cref="OnnxRuntimeException">The file is missing or not a valid model (ONNX Runtime's code and message).</exception>
    /// <exception cref="OnnxRuntimeLibraryException">ONNX Runtime itself could not be loaded.</exception>
    public static InferenceSession FromFile(string modelPath, InferenceSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var fullPath = Path.GetFullPath(modelPath);
        var runtime = OrtRuntime.Instance;
        var api = runtime.Api;
        var context = $"loading model '{fullPath}'";
        using var sessionOptions = CreateOptions(runtime, options ?? InferenceSessionOptions.Default, context);
        var session = new OrtSessionHandle(api);
        nint native;
        if (OperatingSystem.IsWindows())
        {
            // ORTCHAR_T is wchar_t on Windows: a zero-terminated UTF-16 path.
            fixed (char* path = fullPath)
            {
                api.Check(api.CreateSession(runtime.Env.DangerousGetHandle(), path, sessionOptions.DangerousGetHandle(), &native), context);
            }
        }
        else
        {
            var path = Utf8Names.ToPinnedUtf8(fullPath);
            api.Check(api.CreateSession(runtime.Env.DangerousGetHandle(), (void*)Utf8Names.AddressOf(path), sessionOptions.DangerousGetHandle(), &native), context);
            GC.KeepAlive(path);
        }

        session.Adopt(native);
        return Wrap(runtime, session, fullPath);
    }

    /// <summary>Loads a model from its serialized bytes (ONNX Runtime parses them during this call and keeps no reference).</summary>
    /// <param name="model">The ONNX protobuf.</param>
    /// <param name="options">Session options, or the defaults.</param>
    /// <param name="sourceName">A name for error messages, e.g. the resource the bytes came from.</param>
    /// <exception cref="OnnxRuntimeException">The bytes are not a valid model (ONNX Runtime's code and message).</exception>
    /// <exception cref="OnnxRuntimeLibraryException">ONNX Runtime itself could not be loaded.</exception>
    public static InferenceSession FromBytes(ReadOnlySpan<byte> model, InferenceSessionOptions? options = null, string? sourceName = null)
    {
        var source = sourceName ?? $"in-memory model ({model.Length} bytes)";
        var runtime = OrtRuntime.Instance;
        var api = runtime.Api;
        var context = $"loading model '{source}'";
        using var sessionOptions = CreateOptions(runtime, options ?? InferenceSessionOptions.Default, context);
        var session = new OrtSessionHandle(api);
        nint native;
        fixed (byte* bytes = model)
        {
            api.Check(api.CreateSessionFromArray(runtime.Env.DangerousGetHandle(), bytes, (nuint)model.Length, sessionOptions.DangerousGetHandle(), &native), context);
        }

        session.Adopt(native);
        return Wrap(runtime, session, source);
    }

    /// <summary>Runs the model and returns every output, in <see cref="Outputs"/> order, as new arrays.</summary>
    /// <exception cref="ArgumentException">An input's data length does not match its shape.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the inputs (unknown name, wrong shape or element type) or failed.</exception>
    public FloatTensor[] Run(ReadOnlySpan<TensorInput> inputs)
    {
        var outputs = new nint[_outputNames.Count];
        fixed (nint* outputValues = outputs)
        {
            var names = stackalloc nint[_outputNames.Count];
            for (var i = 0; i < _outputNames.Count; i++)
            {
                names[i] = _outputNames[i];
            }

            RunCore(inputs, names, outputValues, _outputNames.Count, boundOutputs: default);
            return TakeOutputs(outputValues, _outputNames.Names);
        }
    }

    /// <summary>Runs the model and returns the named outputs, in the order asked, as new arrays.</summary>
    /// <exception cref="ArgumentException">An input's data length does not match its shape.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the inputs or output names, or failed.</exception>
    public FloatTensor[] Run(ReadOnlySpan<TensorInput> inputs, ReadOnlySpan<string> outputNames)
    {
        var names = new nint[outputNames.Length];
        var temporaries = ResolveNames(outputNames, _outputNames, names);
        var outputs = new nint[outputNames.Length];
        fixed (nint* namePointers = names)
        fixed (nint* outputValues = outputs)
        {
            RunCore(inputs, namePointers, outputValues, outputNames.Length, boundOutputs: default);
            GC.KeepAlive(temporaries);
            return TakeOutputs(outputValues, outputNames.ToArray());
        }
    }

    /// <summary>
    /// Runs the model with ONNX Runtime writing each requested output straight into the caller's buffer
    /// (no allocation of output arrays, no copy). Each <see cref="TensorOutput.Shape"/> must equal the
    /// shape the model produces.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not match its shape.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected an input or output (including a shape mismatch) or failed.</exception>
    public void Run(ReadOnlySpan<TensorInput> inputs, ReadOnlySpan<TensorOutput> outputs)
    {
        var outputNameList = new string[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputNameList[i] = outputs[i].Name;
        }

        var names = new nint[outputs.Length];
        var temporaries = ResolveNames(outputNameList, _outputNames, names);
        var values = new nint[outputs.Length];
        fixed (nint* namePointers = names)
        fixed (nint* outputValues = values)
        {
            RunCore(inputs, namePointers, outputValues, outputs.Length, outputs);
            GC.KeepAlive(temporaries);
        }
    }

    /// <summary>Releases the native session. Safe to call more than once.</summary>
    public void Dispose() => _session.Dispose();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Source}: inputs [{string.Join("; ", Inputs)}], outputs [{string.Join("; ", Outputs)}]";

    private static InferenceSession Wrap(OrtRuntime runtime, OrtSessionHandle session, string source)
    {
        try
        {
            return new InferenceSession(runtime, session, source);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static OrtSessionOptionsHandle CreateOptions(OrtRuntime runtime, InferenceSessionOptions options, string context)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads, nameof(options));
        var api = runtime.Api;
        var handle = new OrtSessionOptionsHandle(api);
        try
        {
            nint native;
            api.Check(api.CreateSessionOptions(&native), context);
            handle.Adopt(native);
            api.Check(api.SetIntraOpNumThreads(native, options.IntraOpThreads), context);
            api.Check(api.SetSessionGraphOptimizationLevel(native, (int)options.OptimizationLevel), context);
            if (options.Deterministic)
            {
                api.Check(api.SetDeterministicCompute(native, 1), context);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The shared body of every <c>Run</c>: pin and wrap the inputs (and bound outputs), call ONNX Runtime, release.</summary>
    private void RunCore(ReadOnlySpan<TensorInput> inputs, nint* outputNames, nint* outputValues, int outputCount, ReadOnlySpan<TensorOutput> boundOutputs)
    {
        var api = _runtime.Api;
        var inputCount = inputs.Length;
        var pins = new MemoryHandle[inputCount + boundOutputs.Length];
        var values = new OrtValueHandle?[inputCount + boundOutputs.Length];
        var inputNames = stackalloc nint[Math.Max(inputCount, 1)];
        var inputValues = stackalloc nint[Math.Max(inputCount, 1)];
        byte[]?[]? temporaryNames = null;
        var addedRef = false;
        try
        {
            _session.DangerousAddRef(ref addedRef);
            for (var i = 0; i < inputCount; i++)
            {
                ref readonly var input = ref inputs[i];
                var index = _inputNames.IndexOf(input.Name);
                if (index >= 0)
                {
                    inputNames[i] = _inputNames[index];
                }
                else
                {
                    // Unknown name: pass it through so ONNX Runtime reports it with its own code and wording.
                    temporaryNames ??= new byte[inputCount][];
                    temporaryNames[i] = Utf8Names.ToPinnedUtf8(input.Name);
                    inputNames[i] = Utf8Names.AddressOf(temporaryNames[i]!);
                }

                values[i] = WrapCallerMemory(MemoryMarshal.AsMemory(input.Data), input.Shape.Span, $"input '{input.Name}'", out pins[i]);
                inputValues[i] = values[i]!.DangerousGetHandle();
            }

            for (var j = 0; j < boundOutputs.Length; j++)
            {
                ref readonly var output = ref boundOutputs[j];
                var slot = inputCount + j;
                values[slot] = WrapCallerMemory(output.Destination, output.Shape.Span, $"output '{output.Name}'", out pins[slot]);
                outputValues[j] = values[slot]!.DangerousGetHandle();
            }

            var status = api.Run(_session.DangerousGetHandle(), 0, inputNames, inputValues, (nuint)inputCount, outputNames, (nuint)outputCount, outputValues);
            api.Check(status, this, static s => $"running model '{s.Source}' (inputs {string.Join("; ", s.Inputs)}; outputs {string.Join("; ", s.Outputs)})");
        }
        finally
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i]?.Dispose();
                pins[i].Dispose();
            }

            if (addedRef)
            {
                _session.DangerousRelease();
            }

            GC.KeepAlive(temporaryNames);
            GC.KeepAlive(this);
        }
    }

    /// <summary>Pins caller memory and wraps it as an ONNX Runtime float tensor of the given shape (no copy).</summary>
    private OrtValueHandle WrapCallerMemory(Memory<float> memory, ReadOnlySpan<long> shape, string what, out MemoryHandle pin)
    {
        var elements = ElementCount(shape, what);
        if (elements != memory.Length)
        {
            throw new ArgumentException(
                $"Model '{Source}', {what}: shape [{string.Join(",", shape.ToArray())}] holds {elements} floats but the buffer holds {memory.Length}.");
        }

        pin = memory.Pin();
        var data = memory.Length > 0 ? pin.Pointer : Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(s_emptyTensorStorage));
        var api = _runtime.Api;
        var value = new OrtValueHandle(api);
        nint native;
        fixed (long* dims = shape)
        {
            // Element type 1 = ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT; the length argument is in bytes.
            api.Check(
                api.CreateTensorWithDataAsOrtValue(_runtime.CpuMemory.DangerousGetHandle(), data, (nuint)(memory.Length * sizeof(float)), dims, (nuint)shape.Length, (int)TensorElementType.Float32, &native),
                $"wrapping {what} of model '{Source}'");
        }

        value.Adopt(native);
        return value;
    }

    private static long ElementCount(ReadOnlySpan<long> shape, string what)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"{what}: shape [{string.Join(",", shape.ToArray())}] has a negative dimension.");
            }

            count = checked(count * dimension);
        }

        return count;
    }

    /// <summary>Takes ownership of the values ONNX Runtime returned and copies each into a new <see cref="FloatTensor"/>.</summary>
    private FloatTensor[] TakeOutputs(nint* outputValues, IReadOnlyList<string> names)
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
        var context = $"reading output '{name}' of model '{Source}'";
        using var info = new OrtTensorTypeAndShapeInfoHandle(api);
        nint native;
        api.Check(api.GetTensorTypeAndShape(value.DangerousGetHandle(), &native), context);
        info.Adopt(native);

        int elementType;
        api.Check(api.GetTensorElementType(native, &elementType), context);
        if (elementType != (int)TensorElementType.Float32)
        {
            throw new NotSupportedException(
                $"Model '{Source}': output '{name}' has element type {(TensorElementType)elementType}; only Float32 outputs can be read.");
        }

        var shape = ReadDimensions(native, context);
        nuint count;
        api.Check(api.GetTensorShapeElementCount(native, &count), context);
        var data = new float[checked((int)count)];
        void* source;
        api.Check(api.GetTensorMutableData(value.DangerousGetHandle(), &source), context);
        new ReadOnlySpan<float>(source, data.Length).CopyTo(data);
        return new FloatTensor(name, data, shape);
    }

    private long[] ReadDimensions(nint tensorInfo, string context)
    {
        var api = _runtime.Api;
        nuint rank;
        api.Check(api.GetDimensionsCount(tensorInfo, &rank), context);
        var dims = new long[(int)rank];
        fixed (long* d = dims)
        {
            api.Check(api.GetDimensions(tensorInfo, d, rank), context);
        }

        return dims;
    }

    private static byte[]?[] ResolveNames(ReadOnlySpan<string> requested, Utf8Names known, nint[] pointers)
    {
        var temporaries = new byte[]?[requested.Length];
        for (var i = 0; i < requested.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(requested[i]);
            var index = known.IndexOf(requested[i]);
            if (index >= 0)
            {
                pointers[i] = known[index];
            }
            else
            {
                temporaries[i] = Utf8Names.ToPinnedUtf8(requested[i]);
                pointers[i] = Utf8Names.AddressOf(temporaries[i]!);
            }
        }

        return temporaries;
    }

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
        var dims = ReadDimensions(tensorInfo, context);
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
