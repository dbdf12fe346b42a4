using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Luminance for registration, read straight from the photo at an integer reduction (area average),
/// so a 12 MP photo is never converted at full size when only half size is needed.
/// </summary>
internal static class LuminancePlane
{
    // BT.601 weights (as OpenCV's RGB2GRAY). Registration normalises contrast locally afterwards,
    // so the exact weights only matter for how colour edges rank against luminance edges.
    private const float Kr = 0.299f, Kg = 0.587f, Kb = 0.114f;

    /// <summary>Area-averaged luminance of an 8-bit photo (1 or 3 channels) reduced by <paramref name="factor"/>.</summary>
    public static ImageLevel FromBytes(PixelBuffer<byte> photo, int factor)
    {
        if (photo.Channels is not (1 or 3))
        {
            throw new ArgumentException($"Registration needs a gray or RGB photo, got {photo.Channels} channels.", nameof(photo));
        }

        int f = Math.Max(1, factor);
        int w = Math.Max(1, photo.Width / f), h = Math.Max(1, photo.Height / f), ch = photo.Channels;
        var dst = new PixelBuffer<float>(w, h, 1, clear: false);
        var acc = new float[w];
        float norm = 1f / (f * f);
        for (int y = 0; y < h; y++)
        {
            Array.Clear(acc);
            for (int dy = 0; dy < f; dy++)
            {
                var src = photo.Row(Math.Min((y * f) + dy, photo.Height - 1));
                if (ch == 3)
                {
                    for (int x = 0; x < w; x++)
                    {
                        int i = x * f * 3;
                        float s = 0;
                        for (int k = 0; k < f; k++, i += 3)
                        {
                            s += (Kr * src[i]) + (Kg * src[i + 1]) + (Kb * src[i + 2]);
                        }

                        acc[x] += s;
                    }
                }
                else
                {
                    for (int x = 0; x < w; x++)
                    {
                        int i = x * f;
                        float s = 0;
                        for (int k = 0; k < f; k++)
                        {
                            s += src[i + k];
                        }

                        acc[x] += s;
                    }
                }
            }

            var d = dst.Row(y);
            for (int x = 0; x < w; x++)
            {
                d[x] = acc[x] * norm;
            }
        }

        return new ImageLevel(dst, f, (f - 1) / 2.0);
    }

    /// <summary>A copy of a float luminance plane as the full-resolution level.</summary>
    public static ImageLevel FromFloat(PixelBuffer<float> plane, int factor)
    {
        if (plane.Channels != 1)
        {
            throw new ArgumentException($"Registration needs a single-channel float plane, got {plane.Channels} channels.", nameof(plane));
        }

        var level = new ImageLevel(plane.Clone(), 1, 0);
        while (level.Scale < factor)
        {
            var next = level.Half();
            level.Dispose();
            level = next;
        }

        return level;
    }
}
