using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Imaging.Tests.Geometry;

public class MappedWarpTests
{
    [Fact]
    public void Matches_the_homography_warp_for_a_projective_mapping()
    {
        // The lattice interpolation is exact for affine maps and within rounding for a mild projective one;
        // compare with PerspectiveWarp, which evaluates the homography at every pixel.
        var rng = new Random(7);
        using var src = new PixelBuffer<byte>(97, 61, 3);
        for (int y = 0; y < src.Height; y++)
        {
            for (int x = 0; x < src.Width; x++)
            {
                src[x, y, 0] = (byte)(128 + (100 * Math.Sin(x * 0.21)));
                src[x, y, 1] = (byte)(128 + (100 * Math.Cos(y * 0.17)));
                src[x, y, 2] = (byte)rng.Next(256);
            }
        }

        var h = new Homography(0.97, 0.08, 3.5, -0.06, 1.02, 2.25, 1e-4, -2e-4, 1);
        using var a = new PixelBuffer<byte>(90, 55, 3);
        using var b = new PixelBuffer<byte>(90, 55, 3);
        using var ma = new PixelBuffer<byte>(90, 55, 1);
        using var mb = new PixelBuffer<byte>(90, 55, 1);
        PerspectiveWarp.WarpRgb(src, a, h, ma);
        MappedWarp.WarpRgb(src, b, (x, y) => h.Map(x, y), mb, step: 8);
        int compared = 0;
        for (int y = 0; y < 55; y++)
        {
            for (int x = 0; x < 90; x++)
            {
                if (ma[x, y] == 0 || mb[x, y] == 0)
                {
                    continue;
                }

                compared++;
                for (int c = 0; c < 3; c++)
                {
                    // Channel 2 is white noise, where a 0.01 px mapping difference can move a value by ~2.
                    Assert.InRange(Math.Abs(a[x, y, c] - b[x, y, c]), 0, c == 2 ? 3 : 1);
                }
            }
        }

        Assert.True(compared > 90 * 55 * 0.8, $"only {compared} pixels valid in both");
    }

    [Fact]
    public void Marks_points_outside_the_source_invalid()
    {
        using var src = new PixelBuffer<byte>(10, 10, 3);
        src.Span.Fill(200);
        using var dst = new PixelBuffer<byte>(10, 10, 3);
        using var mask = new PixelBuffer<byte>(10, 10, 1);
        MappedWarp.WarpRgb(src, dst, (x, y) => (x + 5, y), mask);
        Assert.Equal(255, mask[4, 3]);
        Assert.Equal(0, mask[5, 3]);
        Assert.Equal(200, dst[4, 3, 1]);
        Assert.Equal(0, dst[6, 3, 1]);
    }
}
