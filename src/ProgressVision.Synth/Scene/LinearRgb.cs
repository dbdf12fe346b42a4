namespace ProgressVision.Synth.Scene;

/// <summary>A colour or reflectance in linear-light RGB (0..1 per channel; not gamma encoded).</summary>
public readonly record struct LinearRgb(double R, double G, double B)
{
    /// <summary>From 8-bit sRGB (IEC 61966-2-1 transfer curve).</summary>
    public static LinearRgb FromSrgb(byte r, byte g, byte b) => new(ToLinear(r / 255.0), ToLinear(g / 255.0), ToLinear(b / 255.0));

    /// <summary>Channel-wise linear interpolation, t = 0 gives this colour.</summary>
    public LinearRgb Lerp(LinearRgb other, double t) =>
        new(R + ((other.R - R) * t), G + ((other.G - G) * t), B + ((other.B - B) * t));

    /// <summary>Channel-wise scale.</summary>
    public LinearRgb Scale(double k) => new(R * k, G * k, B * k);

    /// <summary>Channel-wise product (reflectance under a coloured light, or tinting).</summary>
    public LinearRgb Times(LinearRgb o) => new(R * o.R, G * o.G, B * o.B);

    /// <summary>Rec. 709 relative luminance.</summary>
    public double Luminance => (0.2126 * R) + (0.7152 * G) + (0.0722 * B);

    private static double ToLinear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
}
