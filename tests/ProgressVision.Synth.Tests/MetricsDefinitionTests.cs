using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Tests;

public class MetricsDefinitionTests
{
    private static ImageDot Dot(int id, double x, double y, double d) => new()
    {
        Id = id, X = x, Y = y, DiameterPx = d, MajorRadiusPx = d / 2, MinorRadiusPx = d / 2, AngleDegrees = 0, DiameterMm = d * 0.05,
        Contrast = 0.5, Condition = "normal", PlacedInSession = 1, Visible = true, UnderHair = false, Counted = true,
    };

    [Fact]
    public void HandComputedMetricsOnASquareTreatedArea()
    {
        // A 100×100 treated square in a 120×120 image, dots at known places.
        using var masks = new PhotoMasks(120, 120);
        for (int y = 10; y < 110; y++)
        {
            for (int x = 10; x < 110; x++)
            {
                masks.Regions[x, y] = RegionLabel.Scalp;
                masks.Treated[x, y] = 1;
            }
        }

        masks.Pigment[50, 50] = 1f;
        masks.Pigment[51, 50] = 0.5f;
        var dots = new[] { Dot(1, 20, 20, 4), Dot(2, 30, 20, 6), Dot(3, 20, 40, 4), Dot(4, 80, 80, 6) };
        var m = TruthMetricsCalculator.Compute(dots, masks, null, 0.1);

        Assert.Equal(1.5 / 10000, m.Coverage, 12);
        Assert.Equal(4, m.DotCount);
        Assert.Equal(10000, m.TreatedVisibleAreaPx);
        Assert.Equal(400, m.PerimeterPx);
        Assert.Equal(0.4, m.DensityPer1000Px2, 12);

        // 10000 px² at 0.01 mm²/px = 100 mm² = 1 cm².
        Assert.Equal(4, m.DensityPerCm2, 9);

        // NN distances: 10, 10, 20, √(60²+40²).
        double[] nn = [10, 10, 20, Math.Sqrt(5200)];
        double mean = nn.Average(), sd = Math.Sqrt(nn.Sum(v => (v - mean) * (v - mean)) / 4);
        Assert.Equal(sd / mean, m.NnCv, 9);
        double expected = (0.5 * Math.Sqrt(10000 / 4.0)) + ((0.0514 + (0.041 / 2)) * 400 / 4);
        Assert.Equal(mean / expected, m.ClarkEvansR, 9);
        Assert.Equal(1.0 / 5.0, m.SizeCv, 9);

        // Cells of 50 px: (0,0) holds x,y ∈ [0,50): 40×40 treated = 1600 ≥ 1250 → 3 dots; (1,1): 60×60 ∩ V = 60×60? V ends at 109.
        Assert.Equal(50, m.LocalGridCellPx, 9);
    }
}
