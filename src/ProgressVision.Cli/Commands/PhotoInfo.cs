using System.Text.Json.Serialization;

namespace ProgressVision.Cli.Commands;

/// <summary>What <c>progressvision info</c> reports about one photo.</summary>
/// <param name="File">Path as given.</param>
/// <param name="Format">"jpeg" or "png".</param>
/// <param name="Width">Width after orientation.</param>
/// <param name="Height">Height after orientation.</param>
/// <param name="StoredWidth">Width stored in the file.</param>
/// <param name="StoredHeight">Height stored in the file.</param>
/// <param name="Channels">3 (RGB) or 1 (gray).</param>
/// <param name="Orientation">Exif orientation 1..8.</param>
/// <param name="CaptureDate">Capture date as written by the camera (ISO 8601, no zone), or null.</param>
/// <param name="CameraMake">Camera make, or null.</param>
/// <param name="CameraModel">Camera model, or null.</param>
/// <param name="HasGps">True when the photo carries a GPS block.</param>
/// <param name="FileBytes">File size.</param>
/// <param name="DecodeMs">Decode time in milliseconds (one cold decode).</param>
public sealed record PhotoInfo(
    string File,
    string Format,
    int Width,
    int Height,
    int StoredWidth,
    int StoredHeight,
    int Channels,
    int Orientation,
    string? CaptureDate,
    string? CameraMake,
    string? CameraModel,
    bool HasGps,
    long FileBytes,
    double DecodeMs);

/// <summary>Source-generated JSON for <see cref="PhotoInfo"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PhotoInfo))]
public sealed partial class PhotoInfoJsonContext : JsonSerializerContext;
