using System.Text.Json;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Output;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Tests;

public sealed class CaseWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pv-synth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void WrittenPngCaseDecodesToTheRenderedPixelsAndMasks()
    {
        using var pair = SynthCase.Generate(5, SynthPreset.Healing, 240, 180).Render();
        CaseWriter.WriteCase(pair, _dir, PhotoFileFormat.Png);
        using (var photo = ImageCodecs.Decode(Path.Combine(_dir, "after.png")))
        {
            Assert.True(photo.Pixels.Span.SequenceEqual(pair.After.Rgb.Span));
        }

        using (var regions = ImageCodecs.Decode(Path.Combine(_dir, "after.regions.png")))
        {
            Assert.True(regions.Pixels.Span.SequenceEqual(pair.After.Masks.Regions.Span));
        }

        var truth = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_dir, "case.truth.json")), SynthJsonContext.Default.CaseTruth)!;
        Assert.Equal("after.healing.png", truth.After.MaskFiles!["healing"]);
        Assert.Equal(pair.Truth.After.Dots.Count, truth.After.Dots.Count);
    }

    [Fact]
    public void WrittenJpegIsCloseToTheRender()
    {
        using var pair = SynthCase.Generate(6, SynthPreset.Easy, 240, 180).Render();
        CaseWriter.WriteCase(pair, _dir, PhotoFileFormat.Jpeg);
        using var photo = ImageCodecs.Decode(Path.Combine(_dir, "before.jpg"));
        var a = photo.Pixels.Span;
        var b = pair.Before.Rgb.Span;
        Assert.Equal(b.Length, a.Length);
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        Assert.InRange(sum / a.Length, 0.01, 4.0);
    }
}
