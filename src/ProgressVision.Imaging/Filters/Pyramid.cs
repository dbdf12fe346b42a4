using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

/// <summary>Gaussian image pyramid: blur then 2× decimation.</summary>
public static class Pyramid
{
    /// <summary>
    /// Halves a float plane with the 5-tap binomial kernel [1 4 6 4 1]/16 (as OpenCV pyrDown):
    /// output (x, y) is centred on input (2x, 2y); size is ceil(w/2) × ceil(h/2).
    /// </summary>
    public static PixelBuffer<float> Down(PixelBuffer<float> src)
    {
        int w = src.Width, h = src.Height, ow = (w + 1) / 2, oh = (h + 1) / 2;
        ReadOnlySpan<float> k = [1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f];
        using var tmp = new PixelBuffer<float>(ow, h, 1, clear: false);
        for (int y = 0; y < h; y++)
        {
            var s = src.Row(y);
            var t = tmp.Row(y);
            for (int x = 0; x < ow; x++)
            {
                float acc = 0;
                for (int i = -2; i <= 2; i++)
                {
                    acc += k[i + 2] * s[Reflect101((2 * x) + i, w)];
                }

                t[x] = acc;
            }
        }

        var dst = new PixelBuffer<float>(ow, oh, 1, clear: false);
        for (int y = 0; y < oh; y++)
        {
            var d = dst.Row(y);
            d.Clear();
            for (int i = -2; i <= 2; i++)
            {
                var t = tmp.Row(Reflect101((2 * y) + i, h));
                for (int x = 0; x < ow; x++)
                {
                    d[x] += k[i + 2] * t[x];
                }
            }
        }

        return dst;
    }

    // OpenCV's BORDER_REFLECT_101: gfedcb|abcdefgh|gfedcba.
    internal static int Reflect101(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        while ((uint)i >= (uint)n)
        {
            i = i < 0 ? -i : (2 * n) - 2 - i;
        }

        return i;
    }
}
