using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Tests.Healing;

public sealed class HealingModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pv-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    internal static string CommittedModel() =>
        HealingModel.DefaultPath() ?? throw new FileNotFoundException($"the committed healing model was not copied to {AppContext.BaseDirectory}models/ (models/healing/healing.onnx in the repository)");

    [Fact]
    public void Committed_model_loads_verifies_and_is_deterministic()
    {
        using var model = HealingModel.Load(CommittedModel());
        Assert.Equal(64, model.Sha256.Length);
        Assert.Equal(File.ReadAllText(CommittedModel() + ".sha256").Split(' ')[0].Trim(), model.Sha256);

        // Two different tiles, classified twice each, alone and in a batch: identical numbers every time.
        var rng = new Random(11);
        var tiles = new float[2 * model.InputFloats];
        for (int i = 0; i < tiles.Length; i++)
        {
            tiles[i] = (float)((rng.NextDouble() - 0.5) * 2);
        }

        var a = new float[8];
        var b = new float[8];
        var single = new float[4];
        model.Classify(tiles, 2, a);
        model.Classify(tiles, 2, b);
        model.Classify(tiles.AsMemory(model.InputFloats), 1, single);
        Assert.Equal(a, b);
        Assert.Equal(a[4..], single);
        Assert.Equal(1.0, a[..4].Sum(), 4); // softmax output
    }

    [Fact]
    public void Corrupted_model_is_refused_with_the_hash_mismatch()
    {
        string path = Path.Combine(_dir, "healing.onnx");
        var bytes = File.ReadAllBytes(CommittedModel());
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        File.Copy(CommittedModel() + ".sha256", path + ".sha256");
        var ex = Assert.Throws<HealingModelException>(() => HealingModel.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("does not match the pinned", ex.Message);
    }

    [Fact]
    public void Garbage_with_a_matching_hash_is_refused_by_onnx_runtime_not_crashed_on()
    {
        string path = Path.Combine(_dir, "healing.onnx");
        var garbage = new byte[4096];
        new Random(5).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);
        File.WriteAllText(path + ".sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(garbage)) + "  healing.onnx\n");
        var ex = Assert.Throws<HealingModelException>(() => HealingModel.Load(path));
        Assert.Contains("ONNX Runtime cannot load", ex.Message);
    }

    [Fact]
    public void Unpinned_or_missing_model_is_refused()
    {
        string path = Path.Combine(_dir, "healing.onnx");
        Assert.Throws<HealingModelException>(() => HealingModel.Load(path));
        File.Copy(CommittedModel(), path);
        var ex = Assert.Throws<HealingModelException>(() => HealingModel.Load(path));
        Assert.Contains("no pinned hash", ex.Message);
    }
}
