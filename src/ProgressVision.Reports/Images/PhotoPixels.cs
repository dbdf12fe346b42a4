using ProgressVision.Imaging;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Reports.Images;

/// <summary>A photo decoded for reporting: upright 8-bit RGB and its capture date.</summary>
public sealed class PhotoPixels : IDisposable
{
    private PhotoPixels(PixelBuffer<byte> rgb, DateTimeOffset? captureDate)
    {
        Rgb = rgb;
        CaptureDate = captureDate;
    }

    /// <summary>Upright RGB pixels (3 channels).</summary>
    public PixelBuffer<byte> Rgb { get; }

    /// <summary>EXIF capture date, when the file has one.</summary>
    public DateTimeOffset? CaptureDate { get; }

    /// <summary>Decodes a photo file.</summary>
    /// <exception cref="InvalidImageException">The file is not a readable image.</exception>
    /// <exception cref="UnsupportedImageFeatureException">A format we do not decode.</exception>
    public static PhotoPixels Load(string path)
    {
        byte[] head = new byte[8];
        using (var f = File.OpenRead(path))
        {
            _ = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (!PngDecoder.IsPng(head))
        {
            throw new UnsupportedImageFeatureException(path, "only PNG photos are decoded in this build");
        }

        using var png = PngDecoder.DecodeFile(path);
        return new PhotoPixels(ToRgb(png.Pixels), null);
    }

    /// <summary>Takes ownership of an RGB buffer (for tests and synthetic images).</summary>
    public static PhotoPixels FromRgb(PixelBuffer<byte> rgb, DateTimeOffset? captureDate = null)
    {
        if (rgb.Channels != 3)
        {
            throw new ArgumentException("expected 3-channel RGB", nameof(rgb));
        }

        return new PhotoPixels(rgb, captureDate);
    }

    // Gray → RGB by replication; alpha dropped (photos are opaque; a transparent PNG shows its colour values).
    private static PixelBuffer<byte> ToRgb(PixelBuffer<byte> src)
    {
        var rgb = new PixelBuffer<byte>(src.Width, src.Height, 3, clear: false);
        int c = src.Channels;
        for (int y = 0; y < src.Height; y++)
        {
            var s = src.Row(y);
            var d = rgb.Row(y);
            for (int x = 0; x < src.Width; x++)
            {
                if (c >= 3)
                {
                    d[3 * x] = s[c * x];
                    d[3 * x + 1] = s[c * x + 1];
                    d[3 * x + 2] = s[c * x + 2];
                }
                else
                {
                    byte g = s[c * x];
                    d[3 * x] = d[3 * x + 1] = d[3 * x + 2] = g;
                }
            }
        }

        return rgb;
    }

    /// <inheritdoc />
    public void Dispose() => Rgb.Dispose();
}
