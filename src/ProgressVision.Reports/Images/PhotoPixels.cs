using ProgressVision.Imaging;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs;

namespace ProgressVision.Reports.Images;

/// <summary>A photo decoded for reporting: upright 8-bit RGB and its capture date.</summary>
public sealed class PhotoPixels : IDisposable
{
    private PhotoPixels(PixelBuffer<byte> rgb, DateTimeOffset? captureDate, bool hasGps)
    {
        Rgb = rgb;
        CaptureDate = captureDate;
        HasGps = hasGps;
    }

    /// <summary>Upright RGB pixels (3 channels; EXIF orientation already applied).</summary>
    public PixelBuffer<byte> Rgb { get; }

    /// <summary>
    /// EXIF capture date, when the file has one. Cameras record local clock time without a zone;
    /// it is kept as that clock reading with a zero offset.
    /// </summary>
    public DateTimeOffset? CaptureDate { get; }

    /// <summary>True when the original carries a GPS location (never copied into exports).</summary>
    public bool HasGps { get; }

    /// <summary>Decodes a JPEG or PNG photo, upright.</summary>
    /// <exception cref="InvalidImageException">The file is not a readable image.</exception>
    /// <exception cref="UnsupportedImageFeatureException">A valid image using a feature we do not decode.</exception>
    public static PhotoPixels Load(string path)
    {
        using var decoded = ImageCodecs.Decode(path);
        var rgb = decoded.Pixels.Channels == 3 ? Copy(decoded.Pixels) : ImageCodecs.ToRgb(decoded.Pixels);
        DateTimeOffset? date = decoded.Metadata.CaptureDate is { } d
            ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Unspecified), TimeSpan.Zero)
            : null;
        return new PhotoPixels(rgb, date, decoded.Metadata.HasGps);
    }

    /// <summary>Takes ownership of an RGB buffer (for tests and synthetic images).</summary>
    public static PhotoPixels FromRgb(PixelBuffer<byte> rgb, DateTimeOffset? captureDate = null)
    {
        if (rgb.Channels != 3)
        {
            throw new ArgumentException("expected 3-channel RGB", nameof(rgb));
        }

        return new PhotoPixels(rgb, captureDate, false);
    }

    // DecodedImage owns its buffer and disposes it; keep our own copy.
    private static PixelBuffer<byte> Copy(PixelBuffer<byte> src)
    {
        var dst = new PixelBuffer<byte>(src.Width, src.Height, 3, clear: false);
        src.Span.CopyTo(dst.Span);
        return dst;
    }

    /// <inheritdoc />
    public void Dispose() => Rgb.Dispose();
}
