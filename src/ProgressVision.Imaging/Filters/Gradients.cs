using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

/// <summary>3×3 derivative filters (Sobel, Scharr) with replicate borders.</summary>
public static class Gradients
{
    /// <summary>Sobel: smoothing [1 2 1] × derivative [-1 0 1] (unnormalised, as OpenCV ksize=3).</summary>
    public static void Sobel(PixelBuffer<float> src, PixelBuffer<float> gx, PixelBuffer<float> gy) => Apply(src, gx, gy, 1f, 2f);

    /// <summary>Scharr: smoothing [3 10 3] × derivative [-1 0 1] (rotationally more accurate).</summary>
    public static void Scharr(PixelBuffer<float> src, PixelBuffer<float> gx, PixelBuffer<float> gy) => Apply(src, gx, gy, 3f, 10f);

    private static void Apply(PixelBuffer<float> src, PixelBuffer<float> gx, PixelBuffer<float> gy, float side, float centre)
    {
        if (!src.SameShape(gx) || !src.SameShape(gy) || src.Channels != 1)
        {
            throw new ArgumentException("Gradient buffers must be single-channel and the same shape as the source.", nameof(gx));
        }

        int w = src.Width, h = src.Height;
        for (int y = 0; y < h; y++)
        {
            var up = src.Row(Math.Max(y - 1, 0));
            var mid = src.Row(y);
            var dn = src.Row(Math.Min(y + 1, h - 1));
            var ox = gx.Row(y);
            var oy = gy.Row(y);
            for (int x = 0; x < w; x++)
            {
                int xl = Math.Max(x - 1, 0), xr = Math.Min(x + 1, w - 1);
                ox[x] = (side * (up[xr] - up[xl])) + (centre * (mid[xr] - mid[xl])) + (side * (dn[xr] - dn[xl]));
                oy[x] = (side * (dn[xl] - up[xl])) + (centre * (dn[x] - up[x])) + (side * (dn[xr] - up[xr]));
            }
        }
    }
}
