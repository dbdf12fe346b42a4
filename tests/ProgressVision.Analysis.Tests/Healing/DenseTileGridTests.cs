using System.Security.Cryptography;
using System.Text;
using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Geometry;
using ProgressVision.Synth.Cases;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// The dense form of the healing model (models/healing/dense_graph.py) against the trained tile model it is derived
/// from: on a lone tile and on a photo every dense cell must give its tile's own numbers (the model reads each tile with
/// its context and never pads inside it); bands must not change a cell.
/// </summary>
public sealed class DenseTileGridTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pv-dense-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void The_committed_dense_form_gives_the_tile_models_numbers_on_lone_tiles()
    {
        using var model = HealingModel.Load(HealingModelTests.CommittedModel(), denseForm: true);
        Assert.True(model.HasDenseForm, "models/healing/healing-dense.onnx was not copied beside the model");
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", HealingModel.DenseFileName + ".sha256")).Split(' ')[0].Trim(), model.DenseSha256);
        var rng = new Random(42);
        for (int t = 0; t < 5; t++)
        {
            // Plane values span what the layout gives (L* offsets of dots reach −3, chroma a few units).
            const int s = HealingTileLayout.TileSize;
            var plane = new float[HealingTileLayout.InputFloats(0)];
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] = (float)((rng.NextDouble() - 0.5) * (t + 1) * 1.5);
            }

            // The tile model reads the tile with its context, which off a one-tile plane is all zeros.
            var input = new float[model.InputFloats];
            TileInput.Cut(plane, s, s, 0, 0, model.Context, input);
            var byTile = new float[4];
            var byPlane = new float[4];
            model.Classify(input, 1, byTile);
            model.ClassifyPlane(plane, s, s, byPlane);
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(byTile[k], byPlane[k], 5);
            }
        }
    }

    [Fact]
    public void Dense_cells_are_the_tiles_at_their_origins_and_bands_do_not_change_them()
    {
        using var model = HealingModel.Load(HealingModelTests.CommittedModel(), denseForm: true);
        using var pair = SynthCase.Generate(4242, SynthPreset.Healing, 1000, 750).Render();
        using var after = new PixelBuffer<byte>(1000, 750, 3);
        using var valid = new PixelBuffer<byte>(1000, 750, 1);
        MappedWarp.WarpRgb(pair.After.Rgb, after, pair.MapBeforeToAfter, valid);
        using var sampler = new HealingTileSampler(pair.Before.Rgb, after, valid);
        var origins = sampler.TileOrigins(HealingModel.DenseStride).Where(DenseTileGrid.OnGrid).ToList();
        Assert.True(origins.Count > 100, $"{origins.Count} grid tiles");

        var whole = new DenseTileGrid(model, sampler).Classify(origins);
        // Bands of one cell row each: the smallest the grid allows, the most cuts.
        var banded = new DenseTileGrid(model, sampler, maxBandPixels: 1).Classify(origins);
        Assert.Equal(origins, whole.Select(t => (t.X, t.Y)));
        for (int i = 0; i < whole.Count; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                Assert.True(Math.Abs(whole[i].Probabilities[k] - banded[i].Probabilities[k]) < 1e-5, $"tile {origins[i]} class {k}: whole plane {whole[i].Probabilities[k]}, bands {banded[i].Probabilities[k]}");
            }
        }

        // Each tile on its own, cut with the context the model reads (zeros off the plane): the committed model's
        // convolutions are unpadded, so its dense form must give each tile's own numbers, to rounding.
        Assert.True(model.DenseIsExact, $"{model.Path}: context {model.Context}; the committed model is trained with context");
        var lone = new TileBatch(model, sampler).Classify(origins);
        double worst = 0;
        for (int i = 0; i < whole.Count; i++)
        {
            Assert.Equal((lone[i].X, lone[i].Y), origins[i]);
            for (int k = 0; k < 4; k++)
            {
                worst = Math.Max(worst, Math.Abs(whole[i].Probabilities[k] - lone[i].Probabilities[k]));
            }
        }

        output.WriteLine($"{whole.Count} tiles: largest difference between a dense cell and its tile classified alone {worst:E2}");
        Assert.True(worst < 1e-4, $"a dense cell differs from its tile by {worst}");
    }

    [Fact]
    public void A_dense_form_not_derived_from_the_model_is_refused()
    {
        string path = Path.Combine(_dir, HealingModel.FileName);
        File.Copy(HealingModelTests.CommittedModel(), path);
        File.Copy(HealingModelTests.CommittedModel() + ".sha256", path + ".sha256");
        string densePath = Path.Combine(_dir, HealingModel.DenseFileName);

        // The committed dense form with another temperature: a valid model, correctly pinned, that is not this model's.
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", HealingModel.DenseFileName));
        int at = TemperatureValue(bytes);
        BitConverter.GetBytes(2.5f).CopyTo(bytes, at);
        File.WriteAllBytes(densePath, bytes);
        File.WriteAllText(densePath + ".sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)) + "  " + HealingModel.DenseFileName + "\n");
        var ex = Assert.Throws<HealingModelException>(() => HealingModel.Load(path, denseForm: true));
        Assert.Contains(densePath, ex.Message);
        Assert.Contains("not derived from this model", ex.Message);

        // The same file, corrupted after pinning: the hash check names it.
        bytes[at] ^= 0x01;
        File.WriteAllBytes(densePath, bytes);
        ex = Assert.Throws<HealingModelException>(() => HealingModel.Load(path, denseForm: true));
        Assert.Contains(densePath, ex.Message);
        Assert.Contains("does not match the pinned", ex.Message);

        // Without a dense form the model still loads and classifies tile by tile; asking for the dense grid says why not.
        File.Delete(densePath);
        using var model = HealingModel.Load(path, denseForm: true);
        Assert.False(model.HasDenseForm);
        using var photo = new PixelBuffer<byte>(256, 256, 3);
        using var valid = new PixelBuffer<byte>(256, 256, 1);
        valid.Span.Fill(1);
        Assert.Equal(3 * 3, new HealingAnalyzer(model).Analyze(photo, photo, valid, null).GridTiles); // a 128-px plane: tiles at 0, 32, 64
        var refused = Assert.Throws<InvalidOperationException>(() => new HealingAnalyzer(model) { DenseGrid = true }.Analyze(photo, photo, valid, null));
        Assert.Contains(HealingModel.DenseFileName, refused.Message);
    }

    // The 4 bytes of the scalar initializer "temperature" (ONNX TensorProto: name, field 8, then raw_data, field 9,
    // wire type 2 = tag 0x4A, length 4).
    private static int TemperatureValue(byte[] onnx)
    {
        var name = Encoding.ASCII.GetBytes("temperature");
        for (int i = 0; i + name.Length + 6 <= onnx.Length; i++)
        {
            if (onnx.AsSpan(i, name.Length).SequenceEqual(name) && onnx[i + name.Length] == 0x4A && onnx[i + name.Length + 1] == 4)
            {
                return i + name.Length + 2;
            }
        }

        throw new InvalidDataException("no raw 'temperature' initializer in the committed dense form");
    }

}
