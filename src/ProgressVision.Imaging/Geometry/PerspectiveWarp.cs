using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Geometry;

/// <summary>Warps a float plane by a homography (inverse mapping + bilinear sampling).</summary>
public static class PerspectiveWarp
{
    /// <summary>
    /// Fills <paramref name="dst"/> so that dst(x, y) = src(H(x, y)), where <paramref name="dstToSrc"/> maps
    /// destination pixel coordinates to source pixel coordinates. Pixels that fall outside the source get
    /// <paramref name="outside"/>.
    /// </summary>
    public static void Warp(PixelBuffer<float> src, PixelBuffer<float> dst, Homography dstToSrc, float outside = float.NaN)
    {
        for (int y = 0; y < dst.Height; y++)
        {
            var row = dst.Row(y);
            for (int x = 0; x < dst.Width; x++)
            {
                var (sx, sy) = dstToSrc.Map(x, y);
                row[x] = double.IsNaN(sx) ? outside : Sampling.Bilinear(src, (float)sx, (float)sy, outside);
            }
        }
    }
}
