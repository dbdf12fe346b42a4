using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// Where a photo's colour was clipped by the camera: a channel at the top of its range. Over-exposed light skin
/// clips red first, and CIELAB a* computed from a clipped red is no longer the skin's: in a photo whose red channel
/// sits at 255 over most of the scalp, a* follows green and blue alone and rises wherever the skin is a little
/// darker (the dome's shading), which reads as redness. Colour measures leave such pixels out, as they leave out
/// dots and hair.
/// </summary>
internal static class ClippedColour
{
    /// <summary>A channel at this value or above counts as clipped (255 less a little JPEG ringing).</summary>
    public const byte Level = 254;

    /// <summary>
    /// Share of a photo's compared area whose colour is clipped above which <c>compare</c> warns that redness cannot be
    /// judged there: a quarter. The real photos of ../shared/real-samples clip 0–10.5% of their pixels (the red scalps
    /// at most 5.9%); the synthetic over-exposed light skin that raised false redness (mixed-99113) clipped 92%.
    /// </summary>
    public const double WarnShare = 0.25;

    /// <summary>Share of the pixels where <paramref name="valid"/> is non-zero whose colour is clipped (0 when none is valid).</summary>
    public static double Share(PixelBuffer<byte> rgb, PixelBuffer<byte> valid)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentNullException.ThrowIfNull(valid);
        long n = 0, clipped = 0;
        var gate = new Lock();
        // Row-parallel counts, summed once per worker.
        Parallel.For(0, rgb.Height, () => (N: 0L, C: 0L), (y, _, acc) =>
        {
            ReadOnlySpan<byte> src = rgb.Row(y), v = valid.Row(y);
            for (int x = 0; x < rgb.Width; x++)
            {
                if (v[x] != 0)
                {
                    acc.N++;
                    int i = 3 * x;
                    acc.C += src[i] >= Level || src[i + 1] >= Level || src[i + 2] >= Level ? 1 : 0;
                }
            }

            return acc;
        }, acc =>
        {
            lock (gate)
            {
                n += acc.N;
                clipped += acc.C;
            }
        });
        return n == 0 ? 0 : clipped / (double)n;
    }

    /// <summary>
    /// One byte per pixel of the model planes (<paramref name="width"/> × <paramref name="height"/>, the photo
    /// downscaled by <see cref="HealingTileLayout.Downscale"/>): 1 where any photo pixel of the block has a clipped
    /// channel, 0 elsewhere. Blocks cut by the photo's edge look at what they hold.
    /// </summary>
    public static byte[] PlaneMask(PixelBuffer<byte> rgb, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        const int f = HealingTileLayout.Downscale;
        var mask = new byte[width * height];
        // Row-parallel: each plane row reads its own f photo rows and writes only its own part of the mask.
        Parallel.For(0, height, y =>
        {
            var dst = mask.AsSpan(y * width, width);
            for (int dy = 0; dy < f && (y * f) + dy < rgb.Height; dy++)
            {
                ReadOnlySpan<byte> src = rgb.Row((y * f) + dy);
                int pixels = Math.Min(rgb.Width, width * f);
                for (int x = 0; x < pixels; x++)
                {
                    int i = 3 * x;
                    if (src[i] >= Level || src[i + 1] >= Level || src[i + 2] >= Level)
                    {
                        dst[x / f] = 1;
                    }
                }
            }
        });
        return mask;
    }
}
