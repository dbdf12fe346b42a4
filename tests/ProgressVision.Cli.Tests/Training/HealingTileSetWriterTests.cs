using ProgressVision.Cli.Training;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Cli.Tests.Training;

/// <summary>
/// The healing training set must come out byte for byte the same from the same command: train.py draws its seeded
/// batches by tile index, so a file whose case order followed which render finished first trained a different model
/// on every run of the recipe.
/// </summary>
public sealed class HealingTileSetWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pv-tiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Two_runs_write_the_same_bytes_with_cases_in_seed_order()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        // Seeds of their own (no test or training range); cases rendered in parallel on every core.
        var countsA = HealingTileSetWriter.Write(a, 4, 96_000, presets: [SynthPreset.Healing]);
        var countsB = HealingTileSetWriter.Write(b, 4, 96_000, presets: [SynthPreset.Healing]);
        Assert.Equal(countsA, countsB);
        foreach (string file in new[] { "tiles.f32", "labels.u8", "cases.i32" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))), $"{file} differs between two runs of the same command");
        }

        var bytes = File.ReadAllBytes(Path.Combine(a, "cases.i32"));
        var ids = Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToInt32(bytes, 4 * i)).ToList();
        Assert.Equal(countsA.Sum(), ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal([96_000, 96_001, 96_002, 96_003], ids.Distinct());
    }
}
