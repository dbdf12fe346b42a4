using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Filters;
using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Randomness;

namespace ProgressVision.Synth.Rendering;

/// <summary>
/// Turns linear reflectance into an 8-bit sRGB photo: uneven light (gradient, vignetting), a specular
/// highlight on the scalp, white balance and exposure, defocus, then sensor noise and the sRGB curve.
/// </summary>
internal static class CameraResponse
{
    private const int LutSize = 16384;
    private static readonly float[] SrgbLut = BuildLut();

    public static PixelBuffer<byte> Develop(PixelBuffer<float> albedo, PixelBuffer<float> scalpFraction, PixelBuffer<float> oiliness, PhotoConditions pc, bool effects, ulong seed)
    {
        int w = albedo.Width, h = albedo.Height;
        var rad = albedo.Span;
        if (effects)
        {
            double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, half = Math.Sqrt((cx * cx) + (cy * cy));
            double ga = pc.GradientAngleDegrees * Math.PI / 180, gc = Math.Cos(ga), gs = Math.Sin(ga);
            double sx = pc.SpecularX * (w - 1), sy = pc.SpecularY * (h - 1), sr = pc.SpecularRadius * 2 * half;
            double gain = pc.Illumination * Math.Pow(2, pc.ExposureEv);
            double wr = pc.WhiteBalance[0] * gain, wg = pc.WhiteBalance[1] * gain, wb = pc.WhiteBalance[2] * gain;
            Parallel.For(0, h, y =>
            {
                var row = albedo.Row(y);
                var sf = scalpFraction.Row(y);
                var oil = oiliness.Row(y);
                for (int x = 0; x < w; x++)
                {
                    double ux = (x - cx) / half, uy = (y - cy) / half;
                    double light = (1 + (pc.GradientStrength * ((ux * gc) + (uy * gs)))) * (1 - (pc.Vignetting * ((ux * ux) + (uy * uy))));
                    double ddx = (x - sx) / sr, ddy = (y - sy) / sr;

                    // Sheen on oily skin: a broad lobe plus a narrower core, broken up by the skin's oiliness texture.
                    double spec = pc.SpecularStrength * sf[x] * oil[x] * ((0.6 * Math.Exp(-((ddx * ddx) + (ddy * ddy)))) + (0.4 * Math.Exp(-4 * ((ddx * ddx) + (ddy * ddy)))));
                    row[3 * x] = (float)(((row[3 * x] * light) + spec) * wr);
                    row[(3 * x) + 1] = (float)(((row[(3 * x) + 1] * light) + spec) * wg);
                    row[(3 * x) + 2] = (float)(((row[(3 * x) + 2] * light) + spec) * wb);
                }
            });

            if (pc.BlurSigmaPx > 0.05)
            {
                BlurInterleaved(albedo, (float)pc.BlurSigmaPx);
            }
        }

        var rgb = new PixelBuffer<byte>(w, h, 3, clear: false);
        double noise = effects ? pc.NoiseSigma : 0;
        Parallel.For(0, h, y =>
        {
            var src = albedo.Row(y);
            var dst = rgb.Row(y);
            for (int i = 0; i < src.Length; i++)
            {
                double v = 255.0 * Encode(src[i]);
                if (noise > 0)
                {
                    // Shot-noise-like: σ grows with √signal (σ given at mid grey), read noise floor 30%.
                    double sigma = noise * Math.Sqrt(0.3 + (0.7 * Math.Max(v, 0) / 128.0));
                    v += sigma * GaussianHash(seed, i, y);
                }

                dst[i] = (byte)Math.Clamp(Math.Round(v), 0, 255);
            }
        });

        return rgb;
    }

    private static double Encode(float linear)
    {
        if (linear <= 0)
        {
            return 0;
        }

        if (linear >= 1)
        {
            return 1;
        }

        // Linear interpolation in a 16 k LUT: ≤ 0.02 8-bit levels from the exact sRGB curve above linear 0.002.
        float f = linear * (LutSize - 1);
        int k = (int)f;
        float t = f - k;
        return k >= LutSize - 1 ? SrgbLut[LutSize - 1] : SrgbLut[k] + (t * (SrgbLut[k + 1] - SrgbLut[k]));
    }

    private static float[] BuildLut()
    {
        var lut = new float[LutSize];
        for (int i = 0; i < LutSize; i++)
        {
            double c = (double)i / (LutSize - 1);
            lut[i] = (float)(c <= 0.0031308 ? 12.92 * c : (1.055 * Math.Pow(c, 1 / 2.4)) - 0.055);
        }

        return lut;
    }

    private static double GaussianHash(ulong seed, int i, int y)
    {
        double u1 = 1 - SplitMix64.Hash01(seed, i, y, 101), u2 = SplitMix64.Hash01(seed, i, y, 102);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static void BlurInterleaved(PixelBuffer<float> img, float sigma)
    {
        using var tmp = new PixelBuffer<float>(img.Width, img.Height, 3, clear: false);
        GaussianBlur.Blur(img.Span, img.Width, img.Height, 3, tmp.Span, sigma);
        tmp.Span.CopyTo(img.Span);
    }
}
