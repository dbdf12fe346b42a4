namespace ProgressVision.Imaging.Codecs;

/// <summary>
/// Facts about a photo read from its file (Exif for JPEG; eXIf/tEXt for PNG): how it should be
/// oriented, when and with what it was taken, whether it carries a location.
/// </summary>
/// <param name="Orientation">Exif orientation 1..8 (1 = as stored; see <see cref="ExifOrientation"/>).</param>
/// <param name="CaptureDate">DateTimeOriginal, else DateTime, as written by the camera (no time zone); null when absent or unreadable.</param>
/// <param name="CameraMake">Exif Make, trimmed; null when absent.</param>
/// <param name="CameraModel">Exif Model, trimmed; null when absent.</param>
/// <param name="HasGps">True when the file has a GPS IFD (the photo may reveal where it was taken).</param>
/// <param name="OriginalWidth">Width stored in the file, before orientation or reduced-size decode.</param>
/// <param name="OriginalHeight">Height stored in the file, before orientation or reduced-size decode.</param>
public sealed record ImageMetadata(
    int Orientation,
    DateTime? CaptureDate,
    string? CameraMake,
    string? CameraModel,
    bool HasGps,
    int OriginalWidth,
    int OriginalHeight)
{
    /// <summary>Metadata for an image with no Exif: orientation 1, nothing else known.</summary>
    public static ImageMetadata None(int width, int height) => new(1, null, null, null, false, width, height);
}
