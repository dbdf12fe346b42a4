using ProgressVision.Synth.Cases;

namespace ProgressVision.Synth.Tests;

public class MappingTruthTests
{
    [Theory]
    [InlineData(SynthPreset.Easy, 11UL)]
    [InlineData(SynthPreset.Mixed, 12UL)]
    [InlineData(SynthPreset.Curved, 13UL)]
    public void AfterToBeforeAndBackIsIdentity(SynthPreset preset, ulong seed)
    {
        using var p = SynthCase.Generate(seed, preset, 400, 300).Render();
        for (int y = 0; y < 300; y += 37)
        {
            for (int x = 0; x < 400; x += 41)
            {
                var (bx, by) = p.MapAfterToBefore(x, y);
                var (ax, ay) = p.MapBeforeToAfter(bx, by);
                Assert.True(Math.Abs(ax - x) < 1e-6 && Math.Abs(ay - y) < 1e-6, $"({x},{y}) → ({bx},{by}) → ({ax},{ay})");
            }
        }
    }

    [Theory]
    [InlineData(SynthPreset.Mixed, 21UL)]
    [InlineData(SynthPreset.Curved, 22UL)]
    public void MappingCarriesEachDotOntoItsBeforeImage(SynthPreset preset, ulong seed)
    {
        // Dots are projected into each photo independently; the pair mapping must agree with both.
        using var p = SynthCase.Generate(seed, preset, 400, 300).Render();
        var before = p.Truth.Before.Dots.ToDictionary(d => d.Id);
        int n = 0;
        foreach (var a in p.Truth.After.Dots)
        {
            if (!before.TryGetValue(a.Id, out var b))
            {
                continue;
            }

            var (mx, my) = p.MapAfterToBefore(a.X, a.Y);
            Assert.True(Math.Abs(mx - b.X) < 1e-3 && Math.Abs(my - b.Y) < 1e-3, $"dot {a.Id}: mapped ({mx},{my}) vs ({b.X},{b.Y})");
            n++;
        }

        Assert.True(n > 20, $"only {n} common dots");
    }

    [Fact]
    public void PlanarCasesAreExactlyAHomography()
    {
        using var p = SynthCase.Generate(31, SynthPreset.Mixed, 400, 300).Render();
        Assert.True(p.Truth.Pair.HomographyMaxErrorPx < 1e-3, $"max {p.Truth.Pair.HomographyMaxErrorPx}");
    }

    [Theory]
    [InlineData(41UL)]
    [InlineData(42UL)]
    [InlineData(43UL)]
    public void CurvedCasesDeviateFromTheBestHomographyByAboutOneToTwoPixels(ulong seed)
    {
        using var p = SynthCase.Generate(seed, SynthPreset.Curved).Render(Rendering.RenderOptions.Clean);
        double max = p.Truth.Pair.HomographyMaxErrorPx;
        Assert.InRange(max, 0.7, 4.0);
        Assert.InRange(p.Truth.Pair.HomographyRmsErrorPx, 0.2, 2.0);
    }

    [Fact]
    public void NoOverlapCasesDoNotOverlap()
    {
        using var p = SynthCase.Generate(51, SynthPreset.NoOverlap, 400, 300).Render();
        Assert.Equal(0, p.Truth.Pair.Overlap);
    }

    [Fact]
    public void BilinearGridInterpolationIsWithinAHundredthOfAPixel()
    {
        using var p = SynthCase.Generate(44, SynthPreset.Curved).Render(Rendering.RenderOptions.Clean);
        var g = p.Truth.Pair.Grid;
        double worst = 0;
        int n = 0;
        for (double y = 3.3; y < (g.Rows - 1) * g.Step; y += 29.7)
        {
            for (double x = 5.1; x < (g.Cols - 1) * g.Step; x += 31.3)
            {
                int c = (int)(x / g.Step), r = (int)(y / g.Step);
                double fx = (x / g.Step) - c, fy = (y / g.Step) - r;
                double?[] xs = [g.X[(r * g.Cols) + c], g.X[(r * g.Cols) + c + 1], g.X[((r + 1) * g.Cols) + c], g.X[((r + 1) * g.Cols) + c + 1]];
                double?[] ys = [g.Y[(r * g.Cols) + c], g.Y[(r * g.Cols) + c + 1], g.Y[((r + 1) * g.Cols) + c], g.Y[((r + 1) * g.Cols) + c + 1]];
                if (xs.Any(v => v is null))
                {
                    continue;
                }

                double ix = Lerp(Lerp(xs[0]!.Value, xs[1]!.Value, fx), Lerp(xs[2]!.Value, xs[3]!.Value, fx), fy);
                double iy = Lerp(Lerp(ys[0]!.Value, ys[1]!.Value, fx), Lerp(ys[2]!.Value, ys[3]!.Value, fx), fy);
                var (ex, ey) = p.MapAfterToBefore(x, y);
                worst = Math.Max(worst, Math.Sqrt(((ix - ex) * (ix - ex)) + ((iy - ey) * (iy - ey))));
                n++;
            }
        }

        Assert.True(n > 200, $"only {n} grid cells checked");
        Assert.True(worst < 0.01, $"worst interpolation error {worst:F4} px");
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);
}
