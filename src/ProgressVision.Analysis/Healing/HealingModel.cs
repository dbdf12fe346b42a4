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

    /// <summary>File name of the dense form derived from the committed model (models/healing/dense_graph.py).</summary>
    public const string DenseFileName = "healing-dense.onnx";

    /// <summary>Dense model input name: whole planes [N, 6, H, W].</summary>
    public const string DenseInputName = "plane";

    /// <summary>Grid step of the dense form's cells, in plane pixels: half a tile.</summary>
    public const int DenseStride = HealingTileLayout.TileSize / 2;

    // A dense form that gives this much more or less than the tile model on a lone tile is not its derivation.
    private const float DenseAgreement = 1e-4f;

    private readonly InferenceSession _session;
    private readonly InferenceSession? _dense;

    private HealingModel(InferenceSession session, string path, string sha256, InferenceSession? dense, string? denseSha256)
    {
        _session = session;
        _dense = dense;
        Path = path;
        Sha256 = sha256;
        DenseSha256 = denseSha256;
    }

    /// <summary>Where the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>SHA-256 of the model file (lower-case hex), reported in every result.</summary>
    public string Sha256 { get; }

    /// <summary>
    /// SHA-256 of the dense form (<see cref="DenseFileName"/> beside the model), or null when there is none and every
    /// tile is classified on its own.
    /// </summary>
    public string? DenseSha256 { get; }

    /// <summary>Whether the dense form is loaded (<see cref="ClassifyPlane"/> is available).</summary>
    public bool HasDenseForm => _dense is not null;

    /// <summary>
    /// The model shipped next to the program (<c>models/healing.onnx</c> in the output folder), or null
    /// when it is not there.
    /// </summary>
    public static string? DefaultPath()
    {
        string p = System.IO.Path.Combine(AppContext.BaseDirectory, "models", FileName);
        return File.Exists(p) ? p : null;
    }

    /// <summary>
    /// Loads and verifies a model and, with <paramref name="denseForm"/>, its dense form when
    /// <see cref="DenseFileName"/> lies beside it (verified the same way, and checked against the tile model on one
    /// tile: a 64×64 plane must give the tile's output). The dense form is opt-in
    /// (<see cref="HealingAnalyzer.DenseGrid"/>), so an ordinary load neither reads it nor fails on it.
    /// </summary>
    /// <exception cref="HealingModelException">A file is missing, its hash does not match its sidecar, ONNX Runtime rejects it, or the dense form does not agree with the model.</exception>
    public static HealingModel Load(string path, int intraOpThreads = 0, bool denseForm = false)
    {
        // No spinning: batches alternate with our own parallel tile cutting on the same (often 2) cores,
        // and ONNX Runtime's idle threads spinning between runs took CPU from it.
        var options = new InferenceSessionOptions { IntraOpThreads = intraOpThreads, Deterministic = true, AllowSpinning = false };
        var (session, sha) = OpenVerified(path, options, InputName);
        string densePath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, DenseFileName);
        if (!denseForm || !File.Exists(densePath))
        {
            return new HealingModel(session, path, sha, null, null);
        }

        try
        {
            var (dense, denseSha) = OpenVerified(densePath, options, DenseInputName);
            var model = new HealingModel(session, path, sha, dense, denseSha);
            model.CheckDenseForm(densePath);
            return model;
        }
        catch
        {
            session.Dispose();
            throw;
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

    /// <summary>
    /// Classifies every tile of the <see cref="DenseStride"/> grid of one plane stack [6, <paramref name="height"/>,
    /// <paramref name="width"/>] (CHW) in one run: <paramref name="probabilities"/> receives [4, rows, columns]
    /// (<see cref="DenseCells"/>), where cell (u, v) is the tile at plane origin (<see cref="DenseStride"/>·u,
    /// <see cref="DenseStride"/>·v). A tile's edges see its neighbours' pixels instead of zero padding.
    /// </summary>
    /// <exception cref="InvalidOperationException">No dense form is loaded.</exception>
    public void ClassifyPlane(ReadOnlyMemory<float> planes, int height, int width, Memory<float> probabilities)
    {
        var dense = _dense ?? throw new InvalidOperationException($"{Path}: no dense form ({DenseFileName}) was loaded");
        var (rows, columns) = DenseCells(height, width);
        int classes = HealingFlagTypes.ModelClasses.Count;
        dense.Run(
            [new TensorInput(DenseInputName, planes[..(HealingTileLayout.Channels * height * width)], new long[] { 1, HealingTileLayout.Channels, height, width })],
            [new TensorOutput(OutputName, probabilities[..(classes * rows * columns)], new long[] { 1, classes, rows, columns })]);
    }

    /// <summary>
    /// Cells the dense form gives for a plane: three stride-2 convolutions (pad 1) halve each side rounding up, and
    /// 8×8 windows every 4 features fit ⌊(n − 8) / 4⌋ + 1 times (none on a side under 8 features, i.e. 57 pixels).
    /// </summary>
    public static (int Rows, int Columns) DenseCells(int height, int width)
    {
        static int Cells(int n)
        {
            for (int i = 0; i < 3; i++)
            {
                n = (n + 1) / 2;
            }

            return n < 8 ? 0 : ((n - 8) / 4) + 1;
        }

        return (Cells(height), Cells(width));
    }

    // The dense form must be the tile model's derivation: on a plane of exactly one tile both pad at the same edges
    // and compute the same sums (mean then linear in both), so they agree to rounding. A seeded tile of plausible
    // plane values (L* and chroma offsets of a few units) exercises every weight.
    private void CheckDenseForm(string densePath)
    {
        const int s = HealingTileLayout.TileSize;
        int classes = HealingFlagTypes.ModelClasses.Count;
        var rng = new Random(5);
        var tile = new float[HealingTileLayout.TileFloats];
        for (int i = 0; i < tile.Length; i++)
        {
            tile[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        var byTile = new float[classes];
        var byPlane = new float[classes];
        Classify(tile, 1, byTile);
        ClassifyPlane(tile, s, s, byPlane);
        for (int k = 0; k < classes; k++)
        {
            if (!(Math.Abs(byTile[k] - byPlane[k]) <= DenseAgreement))
            {
                throw new HealingModelException($"{densePath}: the dense form disagrees with {Path} on a single tile ({HealingFlagTypes.ModelClasses[k]} {byPlane[k]:0.######} vs {byTile[k]:0.######}); it was not derived from this model (models/healing/dense_graph.py)");
            }
        }
    }

    // Reads a model file, checks it against its pinned .sha256 sidecar and opens it with the expected input.
    private static (InferenceSession Session, string Sha256) OpenVerified(string path, InferenceSessionOptions options, string inputName)
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
            var session = InferenceSession.FromBytes(bytes, options, path);
            if (session.Inputs.Count != 1 || session.Inputs[0].Name != inputName || session.Outputs.All(o => o.Name != OutputName))
            {
                session.Dispose();
                throw new HealingModelException($"{path}: expected input '{inputName}' and output '{OutputName}'");
            }

            return (session, sha);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new HealingModelException($"{path}: ONNX Runtime cannot load the healing model: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _dense?.Dispose();
    }
}

/// <summary>The healing model cannot be used: missing, corrupt, unverified or rejected by ONNX Runtime.</summary>
public sealed class HealingModelException(string message, Exception? inner = null) : Exception(message, inner);
