using ProgressVision.Analysis.Registration;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Tests.Registration;

public sealed class HomographyEstimationTests
{
    // A projective map with rotation, anisotropic scale, shear and perspective, written out by hand.
    private static readonly double[] TrueH = [1.1, 0.2, 15, -0.15, 0.95, -7, 2e-4, -1e-4, 1];

    private static (double X, double Y) MapByHand(double x, double y)
    {
        double w = (TrueH[6] * x) + (TrueH[7] * y) + TrueH[8];
        return (((TrueH[0] * x) + (TrueH[1] * y) + TrueH[2]) / w, ((TrueH[3] * x) + (TrueH[4] * y) + TrueH[5]) / w);
    }

    [Fact]
    public void DltMapsUnitSquareToDoubledSquare()
    {
        // (0,0)→(0,0), (1,0)→(2,0), (1,1)→(2,2), (0,1)→(0,2): by hand H = diag(2, 2, 1).
        PointPair[] pairs = [new(0, 0, 0, 0), new(1, 0, 2, 0), new(1, 1, 2, 2), new(0, 1, 0, 2)];
        var h = HomographyDlt.Estimate(pairs)!.Value;
        double[] expected = [2, 0, 0, 0, 2, 0, 0, 0, 1];
        var got = h.ToArray();
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(expected[i], got[i], 9);
        }
    }

    [Fact]
    public void DltRecoversProjectiveMapFromExactCorrespondences()
    {
        var pairs = new List<PointPair>();
        for (int y = 0; y <= 600; y += 150)
        {
            for (int x = 0; x <= 800; x += 200)
            {
                var (u, v) = MapByHand(x, y);
                pairs.Add(new PointPair(x, y, u, v));
            }
        }

        var h = HomographyDlt.Estimate(pairs.ToArray())!.Value.Normalized().ToArray();
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(TrueH[i], h[i], i >= 6 ? 10 : 7);
        }
    }

    [Fact]
    public void DltRejectsCollinearPoints()
    {
        PointPair[] pairs = [new(0, 0, 0, 0), new(1, 1, 2, 2), new(2, 2, 4, 4), new(3, 3, 6, 6)];
        Assert.Null(HomographyDlt.Estimate(pairs));
    }

    [Fact]
    public void RansacFindsTransformWithHalfOutliers()
    {
        var rng = new Random(42);
        var pairs = new List<PointPair>();
        var isInlier = new List<bool>();
        for (int i = 0; i < 200; i++)
        {
            double x = rng.NextDouble() * 1000, y = rng.NextDouble() * 750;
            if (i % 2 == 0)
            {
                var (u, v) = MapByHand(x, y);
                pairs.Add(new PointPair(x, y, u + (SyntheticScalpPair.Gauss(rng) * 0.3), v + (SyntheticScalpPair.Gauss(rng) * 0.3)));
                isInlier.Add(true);
            }
            else
            {
                pairs.Add(new PointPair(x, y, rng.NextDouble() * 1100, rng.NextDouble() * 800));
                isInlier.Add(false);
            }
        }

        var fit = RobustHomography.Estimate(pairs.ToArray(), 2.0)!;
        int trueFound = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            if (isInlier[i] && fit.Inliers[i])
            {
                trueFound++;
            }
        }

        Assert.True(trueFound >= 98, $"only {trueFound} of 100 true inliers kept");
        Assert.True(fit.InlierCount <= 103, $"{fit.InlierCount - trueFound} outliers accepted");

        // With 100 inliers of σ = 0.3 px, the fit is good to well under half a pixel everywhere in the frame.
        for (int y = 0; y <= 750; y += 75)
        {
            for (int x = 0; x <= 1000; x += 100)
            {
                var (u, v) = MapByHand(x, y);
                var (gx, gy) = fit.Homography.Map(x, y);
                Assert.True(Math.Abs(u - gx) < 0.3 && Math.Abs(v - gy) < 0.3, $"({x},{y}): ({gx:0.00},{gy:0.00}) vs ({u:0.00},{v:0.00})");
            }
        }
    }

    [Fact]
    public void LevenbergMarquardtLowersTransferErrorFromPerturbedStart()
    {
        var rng = new Random(7);
        var pairs = new PointPair[60];
        for (int i = 0; i < pairs.Length; i++)
        {
            double x = rng.NextDouble() * 800, y = rng.NextDouble() * 600;
            var (u, v) = MapByHand(x, y);
            pairs[i] = new PointPair(x, y, u, v);
        }

        var start = Homography.FromArray(TrueH) * Homography.Translation(1.5, -1) * Homography.Rotation(0.004);
        var refined = RobustHomography.LevenbergMarquardt(pairs, start);
        double before = pairs.Max(p => RobustHomography.TransferError2(start, p));
        double after = pairs.Max(p => RobustHomography.TransferError2(refined, p));
        Assert.True(before > 1);
        Assert.True(after < 1e-8, $"max squared transfer error after LM {after}");
    }

    [Fact]
    public void JacobiEigenMatchesKnownDecomposition()
    {
        // A = Q diag(1, 4, 9) Qᵀ with Q a rotation by 30° in the (0, 1) plane: eigenvalues 1, 4, 9.
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        double[] a = [(c * c * 1) + (s * s * 4), (c * s * 1) - (c * s * 4), 0, (c * s * 1) - (c * s * 4), (s * s * 1) + (c * c * 4), 0, 0, 0, 9];
        var vectors = new double[9];
        var values = SmallLinearAlgebra.SymmetricEigen(a, 3, vectors);
        Assert.Equal([1.0, 4.0, 9.0], values.Order().Select(v => Math.Round(v, 10)));
        int k1 = Array.IndexOf(values, values.Min());
        Assert.Equal(1.0, Math.Abs((vectors[k1] * c) + (vectors[3 + k1] * s)), 10);
    }
}
