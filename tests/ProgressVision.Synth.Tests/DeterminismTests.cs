using System.Text.Json;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Tests;

public class DeterminismTests
{
    [Fact]
    public void SameSeedGivesIdenticalPixelsAndTruth()
    {
        var a = SynthCase.Generate(42, SynthPreset.Mixed, 400, 300);
        var b = SynthCase.Generate(42, SynthPreset.Mixed, 400, 300);
        using var pa = a.Render();
        using var pb = b.Render();
        Assert.True(pa.Before.Rgb.Span.SequenceEqual(pb.Before.Rgb.Span));
        Assert.True(pa.After.Rgb.Span.SequenceEqual(pb.After.Rgb.Span));
        Assert.Equal(
            JsonSerializer.Serialize(pa.Truth, SynthJsonContext.Default.CaseTruth),
            JsonSerializer.Serialize(pb.Truth, SynthJsonContext.Default.CaseTruth));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentPhotos()
    {
        using var pa = SynthCase.Generate(1, SynthPreset.Easy, 320, 240).Render();
        using var pb = SynthCase.Generate(2, SynthPreset.Easy, 320, 240).Render();
        Assert.False(pa.Before.Rgb.Span.SequenceEqual(pb.Before.Rgb.Span));
    }

    [Fact]
    public void TruthSurvivesJsonRoundTrip()
    {
        using var p = SynthCase.Generate(7, SynthPreset.Healing, 320, 240).Render();
        var json = JsonSerializer.Serialize(p.Truth, SynthJsonContext.Default.CaseTruth);
        var back = JsonSerializer.Deserialize(json, SynthJsonContext.Default.CaseTruth)!;
        Assert.Equal(p.Truth.After.Dots.Count, back.After.Dots.Count);
        Assert.Equal(p.Truth.After.Metrics.Coverage, back.After.Metrics.Coverage);
        Assert.Equal(p.Truth.Pair.AfterToBefore, back.Pair.AfterToBefore);
        Assert.Contains("\"dots\":[", json, StringComparison.Ordinal);
    }
}
