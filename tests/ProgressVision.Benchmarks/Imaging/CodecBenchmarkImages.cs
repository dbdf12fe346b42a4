using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>Deterministic 12-megapixel (4000×3000) test content for the codec benchmarks.</summary>
internal static class CodecBenchmarkImages
{
    public const int Width = 4000;
    public const int Height = 3000;

    /// <summary>
    /// Photo-like RGB: smooth skin-tone gradients, a field of small dark dots (pigment-dot-like) and mild seeded noise,
    /// so both codecs see realistic entropy rather than flat colour.
    /// </summary>
    public static PixelBuffer<byte> Photo12MP()
    {
        var rng = new Random(12);
        var img = new PixelBuffer<byte>(Width, Height, 3, clear: false);
        var s = img.Span;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                double u = (double)x / Width, v = (double)y / Height;
                int o = ((y * Width) + x) * 3;
                int n = rng.Next(-4, 5);
                s[o] = Clamp(175 + (45 * Math.Sin(7 * u) * Math.Cos(5 * v)) + n);
                s[o + 1] = Clamp(125 + (50 * u) - (25 * v) + n);
                s[o + 2] = Clamp(105 + (35 * Math.Cos(6 * (u + v))) + n);
            }
        }

        for (int i = 0; i < 60_000; i++)
        {
            int cx = rng.Next(2, Width - 2), cy = rng.Next(2, Height - 2);
            for (int dy = -2; dy <= 2; dy++)
            {
                for (int dx = -2; dx <= 2; dx++)
                {
                    int o = (((cy + dy) * Width) + cx + dx) * 3;
                    s[o] = (byte)(s[o] / 3);
                    s[o + 1] = (byte)(s[o + 1] / 3);
                    s[o + 2] = (byte)(s[o + 2] / 3);
                }
            }
        }

        return img;
    }

    private static byte Clamp(double v) => (byte)Math.Clamp((int)v, 0, 255);
}
