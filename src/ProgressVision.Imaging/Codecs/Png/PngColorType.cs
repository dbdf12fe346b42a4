namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>The PNG colour types of IHDR (PNG 2nd ed. §11.2.2, table 11.1).</summary>
public enum PngColorType : byte
{
    /// <summary>Greyscale, bit depths 1, 2, 4, 8, 16.</summary>
    Grayscale = 0,

    /// <summary>Truecolour (RGB), bit depths 8, 16.</summary>
    Truecolor = 2,

    /// <summary>Indexed colour through PLTE, bit depths 1, 2, 4, 8.</summary>
    Indexed = 3,

    /// <summary>Greyscale with alpha, bit depths 8, 16.</summary>
    GrayscaleAlpha = 4,

    /// <summary>Truecolour with alpha (RGBA), bit depths 8, 16.</summary>
    TruecolorAlpha = 6,
}
