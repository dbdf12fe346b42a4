using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Synth.Cases;
using Xunit.Abstractions;

namespace ProgressVision.Analysis.Tests.Compare;

public class CompositeDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_synthetic_photos_side_by_side_are_a_composite_and_one_is_not()
    {
        using var pair = SynthCase.Generate(4242, SynthPreset.Easy, 600, 450).Render();
        Assert.Null(CompositeDetector.Find(pair.Before.Rgb));
        Assert.Null(CompositeDetector.Find(pair.After.Rgb));
        using var joined = new PixelBuffer<byte>(1200, 450, 3);
        for (int y = 0; y < 450; y++)
        {
            pair.Before.Rgb.Row(y).CopyTo(joined.Row(y));
            pair.After.Rgb.Row(y).CopyTo(joined.Row(y)[1800..]);
        }

        var seam = CompositeDetector.Find(joined);
        Assert.NotNull(seam);
        Assert.True(seam.Value.Vertical);
        Assert.InRange(seam.Value.Position, 596, 604);
    }

    [Fact]
    public void Real_side_by_side_exports_are_detected_and_single_photos_are_not()
    {
        string dir = SharedMaterial.RealSamples("1-smp-before-after");
        var composites = Directory.GetFiles(dir, "*side-by-side*").Concat(Directory.GetFiles(dir, "*before-after*")).ToList();
        var singles = Directory.GetFiles(dir, "*_BEFORE_*").Concat(Directory.GetFiles(dir, "*_AFTER_*"))
            .Concat(Directory.GetFiles(SharedMaterial.RealSamples("2-bald-thinning-scalp")))
            .Concat(Directory.GetFiles(SharedMaterial.RealSamples("3-trichoscopy")))
            .Concat(Directory.GetFiles(SharedMaterial.RealSamples("4-redness-erythema"))).ToList();
        int hit = 0, falseAlarm = 0;
        foreach (var f in composites)
        {
            using var img = ImageCodecs.Decode(f);
            bool found = CompositeDetector.Find(ImageCodecs.ToRgb(img.Pixels)) is not null;
            output.WriteLine($"composite {Path.GetFileName(f)}: {found}");
            hit += found ? 1 : 0;
        }

        foreach (var f in singles)
        {
            using var img = ImageCodecs.Decode(f);
            bool found = CompositeDetector.Find(ImageCodecs.ToRgb(img.Pixels)) is not null;
            output.WriteLine($"single {Path.GetFileName(f)}: {found}");
            falseAlarm += found ? 1 : 0;
        }

        output.WriteLine($"detected {hit}/{composites.Count}, false alarms {falseAlarm}/{singles.Count}");
        Assert.True(hit >= composites.Count * 0.75, $"detected only {hit} of {composites.Count} composites");
        Assert.True(falseAlarm <= singles.Count / 10, $"{falseAlarm} of {singles.Count} single photos called composites");
    }
}
