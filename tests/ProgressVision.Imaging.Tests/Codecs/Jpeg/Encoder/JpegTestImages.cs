using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg.Encoder;

/// <summary>Deterministic synthetic test images for the JPEG encoder.</summary>
internal static class JpegTestImages
{
    /// <summary>
    /// A smooth RGB image: low-frequency sinusoids and gradients (skin-like tones), no edges, no noise —
    /// the content where quantisation error alone sets the PSNR.
    /// </summary>
    public static PixelBuffer<byte> Smooth(int width, int height)
    {
        var img = new PixelBuffer<byte>(width, height, 3);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double u = (double)x / width, v = (double)y / height;
                img[x, y, 0] = Clamp(170 + (50 * Math.Sin(6.0 * u) * Math.Cos(4.0 * v)));
                img[x, y, 1] = Clamp(120 + (60 * u) - (30 * v) + (15 * Math.Sin(9.0 * v)));
                img[x, y, 2] = Clamp(100 + (40 * Math.Cos(5.0 * (u + v))));
            }
        }

        return img;
    }

    /// <summary>A textured RGB image: smooth base plus small dark dots and seeded noise (pigment-dot-like detail).</summary>
    public static PixelBuffer<byte> Textured(int width, int height, int seed)
    {
        var rng = new Random(seed);
        var img = Smooth(width, height);
        for (int i = 0; i < width * height / 60; i++)
        {
            int cx = rng.Next(width), cy = rng.Next(height);
            for (int dy = -1; dy <= 1; dy++)
            {
                for (int dx = -1; dx <= 1; dx++)
                {
                    int x = Math.Clamp(cx + dx, 0, width - 1), y = Math.Clamp(cy + dy, 0, height - 1);
                    for (int c = 0; c < 3; c++)
                    {
                        img[x, y, c] = (byte)(img[x, y, c] / 3);
                    }
                }
            }
        }

        var span = img.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = Clamp(span[i] + rng.Next(-6, 7));
        }

        return img;
    }

    /// <summary>Copies an 8-bit PNM into a pixel buffer.</summary>
    public static PixelBuffer<byte> FromPnm(LibjpegTools.Pnm pnm)
    {
        var img = new PixelBuffer<byte>(pnm.Width, pnm.Height, pnm.Channels);
        pnm.Data.CopyTo(img.Span);
        return img;
    }

    public static byte Clamp(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}
