namespace ProgressVision.Onnx;

/// <summary>How much ONNX Runtime rewrites the graph before running it (values of <c>GraphOptimizationLevel</c> in the C API).</summary>
public enum GraphOptimizationLevel
{
    /// <summary>No rewriting: the graph runs node by node as written.</summary>
    Disabled = 0,

    /// <summary>Semantics-preserving local rewrites such as constant folding.</summary>
    Basic = 1,

    /// <summary>Also fuses common node patterns.</summary>
    Extended = 2,

    /// <summary>Also changes layouts for the execution provider.</summary>
    Layout = 3,

    /// <summary>Everything ONNX Runtime offers (its default).</summary>
    All = 99,
}
