using System.Security.Cryptography;
using ProgressVision.Onnx;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// The healing tile classifier: an ONNX file whose SHA-256 must equal the pinned value in its
/// <c>.sha256</c> sidecar, run through ONNX Runtime. Input <c>tiles</c> [N, 6, 64 + 2c, 64 + 2c] float32 (a 64-px
/// tile with <see cref="Context"/> c pixels around it); output <c>probabilities</c> [N, 4] in
/// <see cref="HealingFlagTypes.ModelClasses"/> order.
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

    // A dense form whose cell differs from its tile classified by the tile model by more than this is not its derivation.
    private const float DenseAgreement = 1e-4f;

    private readonly InferenceSession _session;
    private readonly InferenceSession? _dense;

    private HealingModel(InferenceSession session, int context, string path, string sha256, InferenceSession? dense, string? denseSha256)
    {
        _session = session;
        Context = context;
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

    /// <summary>
    /// Plane pixels of context the model reads on every side of a tile, from its input shape: 12 for the recipe since
    /// 2026-11-22 (unpadded convolutions, so the dense form gives exactly the tiles' numbers), 0 for a model of
    /// 64×64 tiles padded with zeros.
    /// </summary>
    public int Context { get; }

    /// <summary>
    /// Whether the dense form gives exactly what classifying each tile on its own gives (to rounding): true for a
    /// model with context, whose convolutions never see padding inside a tile's input.
    /// </summary>
    public bool DenseIsExact => _dense is not null && Context > 0;

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
    /// Loads and verifies a model and its dense form when <see cref="DenseFileName"/> lies beside it (verified the same
    /// way, and checked against the tile model on a small plane). By default the dense form is read when it is exact
    /// (<see cref="DenseIsExact"/>: a model with context), since it is then the same classifier at a quarter of the
    /// work; <paramref name="denseForm"/> true reads it for any model, false never.
    /// </summary>
    /// <exception cref="HealingModelException">A file is missing, its hash does not match its sidecar, ONNX Runtime rejects it, or the dense form does not agree with the model.</exception>
    public static HealingModel Load(string path, int intraOpThreads = 0, bool? denseForm = null)
    {
        // No spinning: batches alternate with our own parallel tile cutting on the same (often 2) cores,
        // and ONNX Runtime's idle threads spinning between runs took CPU from it.
        var options = new InferenceSessionOptions { IntraOpThreads = intraOpThreads, Deterministic = true, AllowSpinning = false };
        var (session, sha) = OpenVerified(path, options, InputName);
        InferenceSession? dense = null;
        try
        {
            int context = InputContext(session, path);
            string densePath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, DenseFileName);
            if (!(denseForm ?? context > 0) || !File.Exists(densePath))
            {
                return new HealingModel(session, context, path, sha, null, null);
            }

            (dense, string denseSha) = OpenVerified(densePath, options, DenseInputName);
            var model = new HealingModel(session, context, path, sha, dense, denseSha);
            model.CheckDenseForm(densePath);
            return model;
        }
        catch
        {
            // Neither session outlives a failed load (a dense form that disagrees included).
            dense?.Dispose();
            session.Dispose();
            throw;
        }
    }

    /// <summary>Floats of one model input (<see cref="HealingTileLayout.InputFloats"/> at this model's <see cref="Context"/>).</summary>
    public int InputFloats => HealingTileLayout.InputFloats(Context);

    /// <summary>Classifies <paramref name="count"/> inputs (tiles with their context, <see cref="InputFloats"/> each) stored back to back in <paramref name="tiles"/>; writes count×4 probabilities.</summary>
    public void Classify(ReadOnlyMemory<float> tiles, int count, Memory<float> probabilities)
    {
        int side = HealingTileLayout.InputSize(Context);
        long[] inShape = [count, HealingTileLayout.Channels, side, side];
        long[] outShape = [count, HealingFlagTypes.ModelClasses.Count];
        _session.Run(
            [new TensorInput(InputName, tiles[..(count * InputFloats)], inShape)],
            [new TensorOutput(OutputName, probabilities[..(count * HealingFlagTypes.ModelClasses.Count)], outShape)]);
    }

    /// <summary>
    /// Classifies every tile of the <see cref="DenseStride"/> grid of one plane stack [6, <paramref name="height"/>,
    /// <paramref name="width"/>] (CHW) in one run: <paramref name="probabilities"/> receives [4, rows, columns]
    /// (<see cref="DenseCells"/>), where cell (u, v) is the tile at plane origin (<see cref="DenseStride"/>·u,
    /// <see cref="DenseStride"/>·v). For a model with context this is exactly <see cref="Classify"/> on each tile
    /// (pixels off the plane are 0 in both); without, a tile's edges see its neighbours' pixels instead of zero padding.
    /// </summary>
    /// <exception cref="InvalidOperationException">No dense form is loaded.</exception>
    public void ClassifyPlane(ReadOnlyMemory<float> planes, int height, int width, Memory<float> probabilities)
    {
        var dense = _dense ?? throw new InvalidOperationException($"{Path}: no dense form ({DenseFileName}) was loaded");
        var (rows, columns) = DenseCells(height, width, Context);
        int classes = HealingFlagTypes.ModelClasses.Count;
        dense.Run(
            [new TensorInput(DenseInputName, planes[..(HealingTileLayout.Channels * height * width)], new long[] { 1, HealingTileLayout.Channels, height, width })],
            [new TensorOutput(OutputName, probabilities[..(classes * rows * columns)], new long[] { 1, classes, rows, columns })]);
    }

    /// <summary>
    /// Cells the dense form gives for a plane. Without context three stride-2 convolutions (pad 1) halve each side
    /// rounding up; with context c the plane is first padded by c on each side and the unpadded convolutions give
    /// ⌊(n − 3) / 2⌋ + 1 three times, then n − 2. 8×8 windows every 4 features fit ⌊(n − 8) / 4⌋ + 1 times (none on a
    /// side under 8 features, i.e. under one tile).
    /// </summary>
    public static (int Rows, int Columns) DenseCells(int height, int width, int context = 0)
    {
        int Cells(int n)
        {
            if (context == 0)
            {
                for (int i = 0; i < 3; i++)
                {
                    n = (n + 1) / 2;
                }
            }
            else
            {
                n += 2 * context;
                for (int i = 0; i < 3; i++)
                {
                    n = n < 3 ? 0 : ((n - 3) / 2) + 1;
                }

                n -= 2;
            }

            return n < 8 ? 0 : ((n - 8) / 4) + 1;
        }

        return (Cells(height), Cells(width));
    }

    // The context a model reads around each tile, from its input's spatial size (64 + 2c, square, c ≥ 0).
    private static int InputContext(InferenceSession session, string path)
    {
        var dims = session.Inputs[0].Dimensions;
        if (dims.Count != 4 || dims[1] != HealingTileLayout.Channels || dims[2] != dims[3] || dims[2] < HealingTileLayout.TileSize || (dims[2] - HealingTileLayout.TileSize) % 2 != 0)
        {
            throw new HealingModelException($"{path}: input '{InputName}' has shape [{string.Join(", ", dims)}]; expected [N, {HealingTileLayout.Channels}, 64 + 2c, 64 + 2c]");
        }

        return (int)(dims[2] - HealingTileLayout.TileSize) / 2;
    }

    // The dense form must be the tile model's derivation. With context, every cell of a small seeded plane must equal
    // its tile cut with context (zeros off the plane) and classified on its own; without, the forms agree only on a
    // plane of exactly one tile, where both pad at the same edges. Plausible plane values (L* and chroma offsets of a
    // few units) exercise every weight.
    private void CheckDenseForm(string densePath)
    {
        int side = Context > 0 ? 2 * HealingTileLayout.TileSize : HealingTileLayout.TileSize;
        int classes = HealingFlagTypes.ModelClasses.Count;
        var rng = new Random(5);
        var plane = new float[HealingTileLayout.Channels * side * side];
        for (int i = 0; i < plane.Length; i++)
        {
            plane[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        var (rows, columns) = DenseCells(side, side, Context);
        var byPlane = new float[classes * rows * columns];
        ClassifyPlane(plane, side, side, byPlane);
        var input = new float[InputFloats];
        var byTile = new float[classes];
        for (int v = 0; v < rows; v++)
        {
            for (int u = 0; u < columns; u++)
            {
                TileInput.Cut(plane, side, side, u * DenseStride, v * DenseStride, Context, input);
                Classify(input, 1, byTile);
                for (int k = 0; k < classes; k++)
                {
                    float dense = byPlane[(((k * rows) + v) * columns) + u];
                    if (!(Math.Abs(byTile[k] - dense) <= DenseAgreement))
                    {
                        throw new HealingModelException($"{densePath}: the dense form disagrees with {Path} at cell ({u}, {v}) ({HealingFlagTypes.ModelClasses[k]} {dense:0.######} vs {byTile[k]:0.######}); it was not derived from this model (models/healing/dense_graph.py)");
                    }
                }
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
