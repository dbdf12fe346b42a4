namespace ProgressVision.Imaging.Color;

public static partial class ColorConversion
{
    // D65 white point (XYZ, Y = 1) of the IEC 61966-2-1 sRGB matrix below (its row sums).
    internal const float WhiteX = 0.95047f, WhiteZ = 1.08883f;

    // sRGB (linear) → XYZ, IEC 61966-2-1 / Lindbloom, with the X and Z rows divided by the white point so
    // the companding step sees X/Xn, Y/Yn, Z/Zn directly. Computed in double, rounded once to float.
    internal const float Xr = (float)(0.4124564 / 0.95047), Xg = (float)(0.3575761 / 0.95047), Xb = (float)(0.1804375 / 0.95047);
    internal const float Yr = 0.2126729f, Yg = 0.7151522f, Yb = 0.0721750f;
    internal const float Zr = (float)(0.0193339 / 1.08883), Zg = (float)(0.1191920 / 1.08883), Zb = (float)(0.9503041 / 1.08883);

    // CIE 1976: ε = (6/29)³ ≈ 0.008856, slope (29/6)²/3 = 7.787037, offset 4/29 = 16/116.
    internal const float LabEpsilon = 216f / 24389f, LabSlope = 841f / 108f, LabOffset = 4f / 29f;

    /// <summary>byte → linear light, computed once: the byte paths are then one table load per channel.</summary>
    internal static readonly float[] SrgbLut = BuildSrgbLut();

    /// <summary>
    /// The 256-entry sRGB byte → linear light table (IEC 61966-2-1, each entry the correctly rounded float),
    /// for callers that fuse the lookup into their own loops.
    /// </summary>
    public static ReadOnlySpan<float> SrgbToLinearTable => SrgbLut;

    private static float[] BuildSrgbLut()
    {
        var t = new float[256];
        for (int i = 0; i < 256; i++)
        {
            // Evaluated in double so every entry is the correctly rounded float of the IEC curve.
            double c = i / 255.0;
            t[i] = (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
        }

        return t;
    }
}
