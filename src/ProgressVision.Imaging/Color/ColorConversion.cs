namespace ProgressVision.Imaging.Color;

/// <summary>
/// Colour conversions over interleaved 8-bit RGB spans. Scalar first version; the vector bodies
/// replace these loops behind the same signatures.
/// </summary>
public static partial class ColorConversion
{
    // ITU-R BT.601 luma weights, the same as OpenCV's cvtColor(RGB2GRAY) and JPEG's Y.
    private const float Kr = 0.299f, Kg = 0.587f, Kb = 0.114f;

    /// <summary>RGB (3 bytes per pixel) to luma in [0,255] as float.</summary>
    public static void RgbToGray(ReadOnlySpan<byte> rgb, Span<float> gray)
    {
        if (rgb.Length != gray.Length * 3)
        {
            throw new ArgumentException($"rgb length {rgb.Length} must be 3 × gray length {gray.Length}.", nameof(rgb));
        }

        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = (Kr * rgb[3 * i]) + (Kg * rgb[(3 * i) + 1]) + (Kb * rgb[(3 * i) + 2]);
        }
    }

    /// <summary>RGB (3 bytes per pixel) to 8-bit luma, rounded.</summary>
    public static void RgbToGray(ReadOnlySpan<byte> rgb, Span<byte> gray)
    {
        if (rgb.Length != gray.Length * 3)
        {
            throw new ArgumentException($"rgb length {rgb.Length} must be 3 × gray length {gray.Length}.", nameof(rgb));
        }

        for (int i = 0; i < gray.Length; i++)
        {
            float y = (Kr * rgb[3 * i]) + (Kg * rgb[(3 * i) + 1]) + (Kb * rgb[(3 * i) + 2]);
            gray[i] = (byte)Math.Min(255, (int)(y + 0.5f));
        }
    }

    /// <summary>sRGB 8-bit to linear light in [0,1] (IEC 61966-2-1 transfer function).</summary>
    public static float SrgbToLinear(byte v)
    {
        float c = v / 255f;
        return c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);
    }

    /// <summary>Linear light in [0,1] to sRGB in [0,1].</summary>
    public static float LinearToSrgb(float c)
    {
        c = Math.Clamp(c, 0f, 1f);
        return c <= 0.0031308f ? 12.92f * c : (1.055f * MathF.Pow(c, 1f / 2.4f)) - 0.055f;
    }

    /// <summary>
    /// sRGB (D65) to CIELAB: L in [0,100], a and b roughly [-128,127]. Output is interleaved L,a,b.
    /// </summary>
    public static void RgbToLab(ReadOnlySpan<byte> rgb, Span<float> lab)
    {
        if (rgb.Length != lab.Length)
        {
            throw new ArgumentException($"rgb length {rgb.Length} must equal lab length {lab.Length}.", nameof(lab));
        }

        for (int i = 0; i < rgb.Length; i += 3)
        {
            var (l, a, b) = RgbToLab(rgb[i], rgb[i + 1], rgb[i + 2]);
            lab[i] = l;
            lab[i + 1] = a;
            lab[i + 2] = b;
        }
    }

    /// <summary>One sRGB pixel to CIELAB (D65 white, 2° observer).</summary>
    public static (float L, float A, float B) RgbToLab(byte r, byte g, byte b)
    {
        float rl = SrgbToLinear(r), gl = SrgbToLinear(g), bl = SrgbToLinear(b);

        // sRGB → XYZ (D65) matrix from IEC 61966-2-1, then divide by the D65 white point.
        float x = ((0.4124564f * rl) + (0.3575761f * gl) + (0.1804375f * bl)) / 0.95047f;
        float y = (0.2126729f * rl) + (0.7151522f * gl) + (0.0721750f * bl);
        float z = ((0.0193339f * rl) + (0.1191920f * gl) + (0.9503041f * bl)) / 1.08883f;
        float fx = LabF(x), fy = LabF(y), fz = LabF(z);
        return ((116f * fy) - 16f, 500f * (fx - fy), 200f * (fy - fz));
    }

    /// <summary>One CIELAB colour back to 8-bit sRGB (clamped).</summary>
    public static (byte R, byte G, byte B) LabToRgb(float l, float a, float b)
    {
        float fy = (l + 16f) / 116f, fx = fy + (a / 500f), fz = fy - (b / 200f);
        float x = LabFInv(fx) * 0.95047f, y = LabFInv(fy), z = LabFInv(fz) * 1.08883f;
        float rl = (3.2404542f * x) - (1.5371385f * y) - (0.4985314f * z);
        float gl = (-0.9692660f * x) + (1.8760108f * y) + (0.0415560f * z);
        float bl = (0.0556434f * x) - (0.2040259f * y) + (1.0572252f * z);
        return (ToByte(LinearToSrgb(rl)), ToByte(LinearToSrgb(gl)), ToByte(LinearToSrgb(bl)));
    }

    // CIE 1976 companding: cube root above (6/29)^3, linear segment below so the curve has no infinite slope at 0.
    private static float LabF(float t) => t > 0.008856452f ? MathF.Cbrt(t) : (t * 7.787037f) + (4f / 29f);

    private static float LabFInv(float t) => t > 0.20689655f ? t * t * t : (t - (4f / 29f)) / 7.787037f;

    private static byte ToByte(float v) => (byte)Math.Clamp((int)((v * 255f) + 0.5f), 0, 255);
}
