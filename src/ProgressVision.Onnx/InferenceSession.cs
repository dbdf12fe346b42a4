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

    // Tensors per call whose bookkeeping lives on the stack; calls with more fall back to small arrays.
    private const int StackTensors = 8;

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
        var count = _outputNames.Count;
        Span<nint> outputNames = count <= StackTensors ? stackalloc nint[StackTensors] : new nint[count];
        Span<nint> outputValues = count <= StackTensors ? stackalloc nint[StackTensors] : new nint[count];
        outputNames = outputNames[..count];
        outputValues = outputValues[..count];
        outputValues.Clear();
        for (var i = 0; i < count; i++)
        {
            outputNames[i] = _outputNames[i];
        }

        RunCore(inputs, default, outputNames, outputValues, temporaries: null);
        return TakeOutputs(outputValues, _outputNames.Names);
    }

    /// <summary>Runs the model and returns the named outputs, in the order asked, as new arrays.</summary>
    /// <exception cref="ArgumentException">An input's data length does not match its shape.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the inputs or output names, or failed.</exception>
    public FloatTensor[] Run(ReadOnlySpan<TensorInput> inputs, ReadOnlySpan<string> outputNames)
    {
        var count = outputNames.Length;
        Span<nint> names = count <= StackTensors ? stackalloc nint[StackTensors] : new nint[count];
        Span<nint> outputValues = count <= StackTensors ? stackalloc nint[StackTensors] : new nint[count];
        names = names[..count];
        outputValues = outputValues[..count];
        outputValues.Clear();
        List<byte[]>? temporaries = null;
        for (var i = 0; i < count; i++)
        {
            names[i] = ResolveName(outputNames[i], _outputNames, ref temporaries);
        }

        RunCore(inputs, default, names, outputValues, temporaries);
        return TakeOutputs(outputValues, outputNames.ToArray());
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
        var count = outputs.Length;
        Span<nint> names = count <= StackTensors ? stackalloc nint[StackTensors] : new nint[count];
        Span<nint> outputValues = count <= StackTensors ? stackalloc nint[StackTensors] : new nint[count];
        names = names[..count];
        outputValues = outputValues[..count];
        outputValues.Clear();
        List<byte[]>? temporaries = null;
        for (var i = 0; i < count; i++)
        {
            names[i] = ResolveName(outputs[i].Name, _outputNames, ref temporaries);
        }

        RunCore(inputs, outputs, names, outputValues, temporaries);
    }

    /// <summary>The native session, for benchmarks that measure the raw C API beside this binding.</summary>
    internal OrtSessionHandle NativeSession => _session;

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
