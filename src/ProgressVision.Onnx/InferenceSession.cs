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
public sealed unsafe partial class InferenceSession : IDisposable
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

            if (!options.AllowSpinning)
            {
                // Keys and values are defined in onnxruntime_session_options_config_keys.h.
                fixed (byte* key = "session.intra_op.allow_spinning\0"u8, value = "0\0"u8)
                {
                    api.Check(api.AddSessionConfigEntry(native, key, value), context);
                }
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
