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
        // Row-parallel counts, summed once per worker. Both scans are the runtime's vectorised span searches: most rows
        // of a photo hold no clipped byte at all, so the search skips them 32 bytes at a time.
        Parallel.For(0, rgb.Height, () => (N: 0L, C: 0L), (y, _, acc) =>
        {
            ReadOnlySpan<byte> v = valid.Row(y)[..rgb.Width];
            acc.N += v.Length - v.Count((byte)0);
            foreach (int x in ClippedBlocks(rgb.Row(y)[..(3 * rgb.Width)], 1))
            {
                acc.C += v[x] != 0 ? 1 : 0;
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
            int pixels = Math.Min(rgb.Width, width * f);
            for (int dy = 0; dy < f && (y * f) + dy < rgb.Height; dy++)
            {
                foreach (int block in ClippedBlocks(rgb.Row((y * f) + dy)[..(3 * pixels)], f))
                {
                    dst[block] = 1;
                }
            }
        });
        return mask;
    }

    /// <summary>
    /// The blocks of <paramref name="block"/> pixels of an RGB row (index = pixel / block) that hold a clipped channel,
    /// each once, in order. The vectorised <see cref="MemoryExtensions.IndexOfAnyInRange{T}(ReadOnlySpan{T}, T, T)"/>
    /// finds the next clipped byte; the search then resumes at the next block, which a hit has already decided.
    /// </summary>
    private static List<int> ClippedBlocks(ReadOnlySpan<byte> row, int block)
    {
        var hits = new List<int>();
        int i = 0;
        while (i < row.Length)
        {
            int k = row[i..].IndexOfAnyInRange(Level, byte.MaxValue);
            if (k < 0)
            {
                break;
            }

            int b = (i + k) / 3 / block;
            hits.Add(b);
            i = (b + 1) * block * 3;
        }

        return hits;
    }
}
