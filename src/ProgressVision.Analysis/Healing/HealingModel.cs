using System.Security.Cryptography;
using ProgressVision.Onnx;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// The healing tile classifier: an ONNX file whose SHA-256 must equal the pinned value in its
/// <c>.sha256</c> sidecar, run through ONNX Runtime. Input <c>tiles</c> [N, 6, 64, 64] float32;
/// output <c>probabilities</c> [N, 4] in <see cref="HealingFlagTypes.ModelClasses"/> order.
/// </summary>
public sealed class HealingModel : IDisposable
{
    /// <summary>Model input name.</summary>
    public const string InputName = "tiles";

    /// <summary>Model output name.</summary>
    public const string OutputName = "probabilities";

    /// <summary>File name of the committed model.</summary>
    public const string FileName = "healing.onnx";

    private readonly InferenceSession _session;

    private HealingModel(InferenceSession session, string path, string sha256)
    {
        _session = session;
        Path = path;
        Sha256 = sha256;
    }

    /// <summary>Where the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>SHA-256 of the model file (lower-case hex), reported in every result.</summary>
    public string Sha256 { get; }

    /// <summary>
    /// The model shipped next to the program (<c>models/healing.onnx</c> in the output folder), or null
    /// when it is not there.
    /// </summary>
    public static string? DefaultPath()
    {
        string p = System.IO.Path.Combine(AppContext.BaseDirectory, "models", FileName);
        return File.Exists(p) ? p : null;
    }

    /// <summary>Loads and verifies a model.</summary>
    /// <exception cref="HealingModelException">The file is missing, its hash does not match the sidecar, or ONNX Runtime rejects it.</exception>
    public static HealingModel Load(string path, int intraOpThreads = 0)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HealingModelException($"{path}: cannot read the healing model ({ex.Message})", ex);
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string sidecar = path + ".sha256";
        if (File.Exists(sidecar))
        {
            string expected = File.ReadAllText(sidecar).Trim().Split(' ', 2)[0].ToLowerInvariant();
            if (expected != sha)
            {
                throw new HealingModelException($"{path}: SHA-256 {sha} does not match the pinned {expected} in {sidecar}; the model file is corrupt or was replaced");
            }
        }
        else
        {
            throw new HealingModelException($"{path}: no pinned hash ({sidecar} is missing), refusing to run an unverified model");
        }

        try
        {
            // No spinning: batches alternate with our own parallel tile cutting on the same (often 2) cores,
            // and ONNX Runtime's idle threads spinning between runs took CPU from it.
            var session = InferenceSession.FromBytes(bytes, new InferenceSessionOptions { IntraOpThreads = intraOpThreads, Deterministic = true, AllowSpinning = false }, path);
            if (session.Inputs.Count != 1 || session.Inputs[0].Name != InputName || session.Outputs.All(o => o.Name != OutputName))
            {
                session.Dispose();
                throw new HealingModelException($"{path}: expected input '{InputName}' and output '{OutputName}'");
            }

            return new HealingModel(session, path, sha);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new HealingModelException($"{path}: ONNX Runtime cannot load the healing model: {ex.Message}", ex);
        }
    }

    /// <summary>Classifies <paramref name="count"/> tiles stored back to back in <paramref name="tiles"/>; writes count×4 probabilities.</summary>
    public void Classify(ReadOnlyMemory<float> tiles, int count, Memory<float> probabilities)
    {
        long[] inShape = [count, HealingTileLayout.Channels, HealingTileLayout.TileSize, HealingTileLayout.TileSize];
        long[] outShape = [count, HealingFlagTypes.ModelClasses.Count];
        _session.Run(
            [new TensorInput(InputName, tiles[..(count * HealingTileLayout.TileFloats)], inShape)],
            [new TensorOutput(OutputName, probabilities[..(count * HealingFlagTypes.ModelClasses.Count)], outShape)]);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}

/// <summary>The healing model cannot be used: missing, corrupt, unverified or rejected by ONNX Runtime.</summary>
public sealed class HealingModelException(string message, Exception? inner = null) : Exception(message, inner);
