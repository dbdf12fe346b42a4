namespace ProgressVision.Store.Model;

/// <summary>A session to add.</summary>
/// <param name="Date">Day of the session.</param>
/// <param name="Practitioner">Who did it.</param>
/// <param name="Notes">Internal notes.</param>
/// <param name="Pigment">Pigment used.</param>
public sealed record SessionDraft(DateOnly Date, string? Practitioner = null, string? Notes = null, string? Pigment = null);

/// <summary>A photo to import into a session.</summary>
/// <param name="View">Scalp area shown.</param>
/// <param name="SourcePath">The original file.</param>
/// <param name="Facts">What decoding the file found (size, capture date).</param>
/// <param name="MmPerPx">Scale in millimetres per pixel when the practitioner measured it (e.g. a ruler in the shot), else null.</param>
public sealed record PhotoImport(PhotoView View, string SourcePath, PhotoFacts Facts, double? MmPerPx = null);

/// <summary>What the decoder learnt about a photo (the store itself never decodes).</summary>
/// <param name="Width">Pixels after EXIF orientation.</param>
/// <param name="Height">Pixels after EXIF orientation.</param>
/// <param name="CaptureDate">EXIF DateTimeOriginal, if present.</param>
public sealed record PhotoFacts(int Width, int Height, DateTimeOffset? CaptureDate);
