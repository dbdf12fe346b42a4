namespace ProgressVision.Onnx;

/// <summary>How an <see cref="InferenceSession"/> is set up. The defaults are ONNX Runtime's.</summary>
public sealed record InferenceSessionOptions
{
    /// <summary>Threads one <c>Run</c> may use inside an operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Graph rewriting before the first run.</summary>
    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.All;

    /// <summary>
    /// Ask kernels for deterministic algorithms, so the same inputs give bit-identical outputs from run
    /// to run (CPU kernels mostly are already; this pins the remaining ones).
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>
    /// Whether the threads of an operator keep spinning for more work after it ends (ONNX Runtime's
    /// <c>session.intra_op.allow_spinning</c>, on by default). Spinning shortens the hand-over between
    /// operators but burns a core while the caller does other work between runs; turn it off when
    /// runs alternate with the caller's own parallel work on few cores.
    /// </summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static InferenceSessionOptions Default { get; } = new();
}
