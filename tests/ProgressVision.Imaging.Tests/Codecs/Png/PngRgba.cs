using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Imaging.Tests.Codecs.Png;

/// <summary>Expands decoded images to 8-bit RGBA so they can be compared with the oracle's RGBA dumps.</summary>
internal static class PngRgba
{
    public static byte[] Of(PngImage image)
    {
        var src = image.Pixels.Span;
        int ch = image.Channels;
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, n = image.Width * image.Height; i < n; i++)
        {
            int s = i * ch, d = i * 4;
            switch (ch)
            {
                case 1:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = src[s];
                    rgba[d + 3] = 255;
                    break;
                case 2:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = src[s];
                    rgba[d + 3] = src[s + 1];
                    break;
                case 3:
                    rgba[d] = src[s];
                    rgba[d + 1] = src[s + 1];
                    rgba[d + 2] = src[s + 2];
                    rgba[d + 3] = 255;
                    break;
                default:
                    src.Slice(s, 4).CopyTo(rgba.AsSpan(d));
                    break;
            }
        }

        return rgba;
    }

    /// <summary>First differing pixel, described, or null when equal.</summary>
    public static string? FirstDifference(byte[] expected, byte[] actual, int width)
    {
        if (expected.Length != actual.Length)
        {
            return $"length {actual.Length} vs expected {expected.Length}";
        }

        int count = 0;
        int first = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                count++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        if (first < 0)
        {
            return null;
        }

        int px = first / 4;
        return $"{count} bytes differ; first at pixel ({px % width},{px / width}) channel {first % 4}: got {actual[first]}, expected {expected[first]}";
    }
}
