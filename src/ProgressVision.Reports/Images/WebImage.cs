using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Jpeg.Encoder;

namespace ProgressVision.Reports.Images;

/// <summary>
/// A photo prepared for a portfolio: downscaled and re-encoded from pixels as a plain JFIF JPEG, so
/// it carries no EXIF at all (no GPS, camera, or dates; pixels are already upright, so no
/// orientation tag is needed either).
/// </summary>
/// <param name="Jpeg">The encoded file.</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
public sealed record WebImage(byte[] Jpeg, int Width, int Height)
{
    /// <summary>Longest side of portfolio images, pixels (sharp on a laptop screen, small enough to embed).</summary>
    public const int MaxSide = 1000;

    /// <summary>The image as a <c>data:</c> URI.</summary>
    public string DataUri => "data:image/jpeg;base64," + Convert.ToBase64String(Jpeg);

    /// <summary>Downscales (area average) to at most <paramref name="maxSide"/> and encodes.</summary>
    public static WebImage From(PixelBuffer<byte> rgb, int maxSide = MaxSide, int quality = 85)
    {
        double scale = Math.Min(1.0, (double)maxSide / Math.Max(rgb.Width, rgb.Height));
        if (scale >= 1.0)
        {
            return new WebImage(JpegEncoder.Encode(rgb, new JpegEncoderOptions { Quality = quality }), rgb.Width, rgb.Height);
        }

        using var small = Resample.AreaDownscale(rgb, Math.Max(1, (int)Math.Round(rgb.Width * scale)), Math.Max(1, (int)Math.Round(rgb.Height * scale)));
        return new WebImage(JpegEncoder.Encode(small, new JpegEncoderOptions { Quality = quality }), small.Width, small.Height);
    }
}
