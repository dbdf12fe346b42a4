using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Segmentation;

/// <summary>
/// Structure-tensor coherence ((λ₁ − λ₂)/(λ₁ + λ₂))² of a plane on a half-resolution grid: near 1
/// where one orientation dominates (hair, stubble, edges), near 0 around isotropic dots and flat
/// skin. Pigment dots are round, so this is what tells them from hair at any contrast.
/// </summary>
public sealed class OrientationCoherence
{
    private readonly float[] _coh;
    private readonly float[] _energy;

    private OrientationCoherence(float[] coh, float[] energy, int w, int h)
    {
        _coh = coh;
        _energy = energy;
        Width = w;
        Height = h;
    }

    /// <summary>Grid width (half the image width, rounded up).</summary>
    public int Width { get; }

    /// <summary>Grid height.</summary>
    public int Height { get; }

    /// <summary>
    /// Computes the field of <paramref name="plane"/> (w × h, packed) with an integration window of
    /// σ = <paramref name="windowSigma"/> full-resolution pixels.
    /// </summary>
    public static OrientationCoherence Compute(float[] plane, int w, int h, double windowSigma)
    {
        int hw = (w + 1) / 2, hh = (h + 1) / 2;
        var half = new float[hw * hh];
        Parallel.For(0, hh, y =>
        {
            int y0 = 2 * y, y1 = Math.Min(h - 1, y0 + 1);
            for (int x = 0; x < hw; x++)
            {
                int x0 = 2 * x, x1 = Math.Min(w - 1, x0 + 1);
                half[(y * hw) + x] = 0.25f * (plane[(y0 * w) + x0] + plane[(y0 * w) + x1] + plane[(y1 * w) + x0] + plane[(y1 * w) + x1]);
            }
        });

        var jxx = new float[hw * hh];
        var jyy = new float[hw * hh];
        var jxy = new float[hw * hh];
        Parallel.For(0, hh, y =>
        {
            int yu = Math.Max(0, y - 1), yd = Math.Min(hh - 1, y + 1);
            for (int x = 0; x < hw; x++)
            {
                int xl = Math.Max(0, x - 1), xr = Math.Min(hw - 1, x + 1);
                float gx = 0.5f * (half[(y * hw) + xr] - half[(y * hw) + xl]);
                float gy = 0.5f * (half[(yd * hw) + x] - half[(yu * hw) + x]);
                int i = (y * hw) + x;
                jxx[i] = gx * gx;
                jyy[i] = gy * gy;
                jxy[i] = gx * gy;
            }
        });

        double s = Math.Max(0.8, windowSigma / 2);
        var sxx = new float[jxx.Length];
        var syy = new float[jxx.Length];
        var sxy = new float[jxx.Length];
        SeparableGaussian.BlurPlane(jxx, sxx, hw, hh, s);
        SeparableGaussian.BlurPlane(jyy, syy, hw, hh, s);
        SeparableGaussian.BlurPlane(jxy, sxy, hw, hh, s);
        var coh = new float[hw * hh];
        Parallel.For(0, hh, y =>
        {
            for (int x = 0; x < hw; x++)
            {
                int i = (y * hw) + x;
                float tr = sxx[i] + syy[i], diff = sxx[i] - syy[i];

                // (λ₁ − λ₂)² = (Jxx − Jyy)² + 4Jxy², (λ₁ + λ₂) = trace; a small floor keeps flat
                // noise-only skin from reading as oriented.
                float num = (diff * diff) + (4 * sxy[i] * sxy[i]);
                float den = (tr + 1e-5f) * (tr + 1e-5f);
                coh[i] = num / den;
                sxx[i] = tr;
            }
        });
        return new OrientationCoherence(coh, sxx, hw, hh);
    }

    /// <summary>Coherence at full-resolution pixel (x, y), 0..1.</summary>
    public float At(double x, double y)
    {
        int gx = Math.Clamp((int)Math.Round(x / 2), 0, Width - 1), gy = Math.Clamp((int)Math.Round(y / 2), 0, Height - 1);
        return _coh[(gy * Width) + gx];
    }

    /// <summary>Gradient energy (structure-tensor trace) at full-resolution pixel (x, y).</summary>
    public float EnergyAt(double x, double y)
    {
        int gx = Math.Clamp((int)Math.Round(x / 2), 0, Width - 1), gy = Math.Clamp((int)Math.Round(y / 2), 0, Height - 1);
        return _energy[(gy * Width) + gx];
    }
}
