namespace ProgressVision.Imaging.Codecs;

/// <summary>File formats <see cref="ImageCodecs"/> recognises by signature.</summary>
public enum ImageFormat
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>JPEG (ITU-T T.81 / JFIF / Exif).</summary>
    Jpeg,

    /// <summary>PNG (ISO/IEC 15948).</summary>
    Png,
}
