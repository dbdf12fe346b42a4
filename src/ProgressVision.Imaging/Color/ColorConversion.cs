namespace ProgressVision.Imaging.Color;

/// <summary>
/// Colour conversions: RGB↔gray, sRGB↔linear light, sRGB↔CIELAB (D65, 2° observer). One-pixel scalar
/// forms live here and are the reference for the vectorised span forms in the other parts of this class.
/// </summary>
/// <remarks>
/// Interleaved RGB spans hold r, g, b per pixel. Float sRGB is in [0, 1]; float gray from bytes is in
/// [0, 255]. CIELAB is L ∈ [0, 100] with unscaled a, b, the same as OpenCV's cvtColor(COLOR_RGB2Lab)
/// on float input.
/// </remarks>
public static partial class ColorConversion
{
    // ITU-R BT.601 luma weights, the same as OpenCV's cvtColor(RGB2GRAY) and JPEG's Y.
    private const float Kr = 0.299f, Kg = 0.587f, Kb = 0.114f;

    /// <summary>sRGB 8-bit to linear light in [0,1] (IEC 61966-2-1 transfer function).</summary>
    public static float SrgbToLinear(byte v) => SrgbToLinear(v / 255f);

    /// <summary>sRGB in [0,1] (clamped) to linear light (IEC 61966-2-1 transfer function).</summary>
    public static float SrgbToLinear(float c)
    {
        c = Math.Clamp(c, 0f, 1f);
        return c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);
    }

    /// <summary>Linear light in [0,1] to sRGB in [0,1].</summary>
    public static float LinearToSrgb(float c)
    {
        c = Math.Clamp(c, 0f, 1f);
        return c <= 0.0031308f ? 12.92f * c : (1.055f * MathF.Pow(c, 1f / 2.4f)) - 0.055f;
    }

    /// <summary>One sRGB pixel to CIELAB (D65 white, 2° observer).</summary>
    public static (float L, float A, float B) RgbToLab(byte r, byte g, byte b) =>
        LinearToLab(SrgbLut[r], SrgbLut[g], SrgbLut[b]);

    /// <summary>One sRGB pixel with channels in [0,1] (clamped) to CIELAB.</summary>
    public static (float L, float A, float B) RgbToLab(float r, float g, float b) =>
        LinearToLab(SrgbToLinear(r), SrgbToLinear(g), SrgbToLinear(b));

    /// <summary>One CIELAB colour back to 8-bit sRGB (clamped).</summary>
    public static (byte R, byte G, byte B) LabToRgb(float l, float a, float b)
    {
        var (r, g, bl) = LabToRgbUnit(l, a, b);
        return (ToByteRoundedScalar(r * 255f), ToByteRoundedScalar(g * 255f), ToByteRoundedScalar(bl * 255f));
    }

    /// <summary>One CIELAB colour to sRGB channels in [0,1] (out-of-gamut colours clamped).</summary>
    public static (float R, float G, float B) LabToRgbUnit(float l, float a, float b)
    {
        float fy = (l + 16f) / 116f, fx = fy + (a / 500f), fz = fy - (b / 200f);
        float x = LabFInv(fx) * WhiteX, y = LabFInv(fy), z = LabFInv(fz) * WhiteZ;
        float rl = (3.2404542f * x) - (1.5371385f * y) - (0.4985314f * z);
        float gl = (-0.9692660f * x) + (1.8760108f * y) + (0.0415560f * z);
        float bl = (0.0556434f * x) - (0.2040259f * y) + (1.0572252f * z);
        return (LinearToSrgb(rl), LinearToSrgb(gl), LinearToSrgb(bl));
    }

    /// <summary>Linear-light RGB to CIELAB: the sRGB→XYZ matrix (white-normalised), then CIE 1976 companding.</summary>
    internal static (float L, float A, float B) LinearToLab(float r, float g, float b)
    {
        float x = (Xr * r) + (Xg * g) + (Xb * b);
        float y = (Yr * r) + (Yg * g) + (Yb * b);
        float z = (Zr * r) + (Zg * g) + (Zb * b);
        float fx = LabF(x), fy = LabF(y), fz = LabF(z);
        return ((116f * fy) - 16f, 500f * (fx - fy), 200f * (fy - fz));
    }

    // CIE 1976 companding: cube root above (6/29)^3, linear segment below so the curve has no infinite slope at 0.
    private static float LabF(float t) => t > LabEpsilon ? MathF.Cbrt(t) : (t * LabSlope) + LabOffset;

    private static float LabFInv(float t) => t > 6f / 29f ? t * t * t : (t - LabOffset) / LabSlope;
}
