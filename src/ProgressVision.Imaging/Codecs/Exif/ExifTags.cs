namespace ProgressVision.Imaging.Codecs.Exif;

/// <summary>The few Exif 2.3 / TIFF 6.0 tags ProgressVision reads.</summary>
internal static class ExifTags
{
    /// <summary>IFD0 Make (ASCII).</summary>
    public const ushort Make = 0x010F;

    /// <summary>IFD0 Model (ASCII).</summary>
    public const ushort Model = 0x0110;

    /// <summary>IFD0 Orientation (SHORT 1..8).</summary>
    public const ushort Orientation = 0x0112;

    /// <summary>IFD0 DateTime: file change date (ASCII "YYYY:MM:DD HH:MM:SS").</summary>
    public const ushort DateTime = 0x0132;

    /// <summary>IFD0 pointer to the Exif IFD (LONG).</summary>
    public const ushort ExifIfdPointer = 0x8769;

    /// <summary>IFD0 pointer to the GPS IFD (LONG).</summary>
    public const ushort GpsIfdPointer = 0x8825;

    /// <summary>Exif IFD DateTimeOriginal: when the picture was taken.</summary>
    public const ushort DateTimeOriginal = 0x9003;

    /// <summary>TIFF type ASCII.</summary>
    public const ushort TypeAscii = 2;

    /// <summary>TIFF type SHORT.</summary>
    public const ushort TypeShort = 3;

    /// <summary>TIFF type LONG.</summary>
    public const ushort TypeLong = 4;

    /// <summary>TIFF type IFD (Exif 2.3 pointer type).</summary>
    public const ushort TypeIfd = 13;
}
