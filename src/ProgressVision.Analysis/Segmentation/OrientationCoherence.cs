using ProgressVision.Analysis.Dots;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Segmentation;

/// <summary>
/// Structure-tensor coherence ((λ₁ − λ₂)/(λ₁ + λ₂))² of a plane on a half-resolution grid: near 1
/// where one orientation dominates (hair, stubble, edges), near 0 around isotropic dots and flat
/// skin. Pigment dots are round, so this is what tells them from hair at any contrast.
/// </summary>
/// <remarks>The field's planes are pooled: <see cref="Dispose"/> returns them, after which it may not be read.</remarks>
public sealed class OrientationCoherence : IDisposable
{
    // Horizontally blurred structure-tensor planes (Jxx, Jyy, Jxy). The vertical half of the
    // separable window is applied only where the field is read: dot detection reads it at a few
    // thousand candidates, and with a window of σ ≈ 50 px the full vertical pass over all three
    // planes cost as much as the horizontal one.
    private readonly float[] _hxx;
    private readonly float[] _hyy;
    private readonly float[] _hxy;
    private readonly float[] _kernel;
    private bool _disposed;

    private OrientationCoherence(float[] hxx, float[] hyy, float[] hxy, float[] kernel, int w, int h)
    {
        _hxx = hxx;
        _hyy = hyy;
        _hxy = hxy;
        _kernel = kernel;
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

        var half = PlanePool<float>.Rent(hw * hh);
        Parallel.For(0, hh, y =>
        {
            int y0 = 2 * y, y1 = Math.Min(h - 1, y0 + 1);
            for (int x = 0; x < hw; x++)
            {
                int x0 = 2 * x, x1 = Math.Min(w - 1, x0 + 1);
                half[(y * hw) + x] = 0.25f * (plane[(y0 * w) + x0] + plane[(y0 * w) + x1] + plane[(y1 * w) + x0] + plane[(y1 * w) + x1]);
            }
        });

        double s = Math.Max(0.8, windowSigma / 2);
        var k = SeparableGaussian.Kernel(s);
        var hxx = PlanePool<float>.Rent(hw * hh);
        var hyy = PlanePool<float>.Rent(hw * hh);
        var hxy = PlanePool<float>.Rent(hw * hh);
        int chunk = Math.Max(16, hh / (4 * Environment.ProcessorCount));
        Parallel.For(0, (hh + chunk - 1) / chunk, c =>
        {
            // Gradient products of one row, then straight into the horizontal pass: the unblurred
            // tensor planes are never stored. The window is ~250 taps wide, so its mirrored taps
            // are paired (HorizontalSymmetric: half the arithmetic, float rounding only).
            var jxx = new float[hw];
            var jyy = new float[hw];
            var jxy = new float[hw];
            var pad = new float[hw + k.Length];
            for (int y = c * chunk; y < Math.Min(hh, (c + 1) * chunk); y++)
            {
                int yu = Math.Max(0, y - 1), yd = Math.Min(hh - 1, y + 1);
                for (int x = 0; x < hw; x++)
                {
                    int xl = Math.Max(0, x - 1), xr = Math.Min(hw - 1, x + 1);
                    float gx = 0.5f * (half[(y * hw) + xr] - half[(y * hw) + xl]);
                    float gy = 0.5f * (half[(yd * hw) + x] - half[(yu * hw) + x]);
                    jxx[x] = gx * gx;
                    jyy[x] = gy * gy;
                    jxy[x] = gx * gy;
                }

                SeparableGaussian.HorizontalSymmetric(jxx, hxx.AsSpan(y * hw, hw), pad, k);
                SeparableGaussian.HorizontalSymmetric(jyy, hyy.AsSpan(y * hw, hw), pad, k);
                SeparableGaussian.HorizontalSymmetric(jxy, hxy.AsSpan(y * hw, hw), pad, k);
            }
        });
        PlanePool<float>.Return(half);
        return new OrientationCoherence(hxx, hyy, hxy, k, hw, hh);
    }

    /// <summary>Returns the pooled planes.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        PlanePool<float>.Return(_hxx);
        PlanePool<float>.Return(_hyy);
        PlanePool<float>.Return(_hxy);
    }

    /// <summary>Coherence at full-resolution pixel (x, y), 0..1.</summary>
    public float At(double x, double y)
    {
        var (sxx, syy, sxy) = Tensor(x, y);
        float tr = sxx + syy, diff = sxx - syy;

        // (λ₁ − λ₂)² = (Jxx − Jyy)² + 4Jxy², (λ₁ + λ₂) = trace; a small floor keeps flat
        // noise-only skin from reading as oriented.
        float num = (diff * diff) + (4 * sxy * sxy);
        float den = (tr + 1e-5f) * (tr + 1e-5f);
        return num / den;
    }

    /// <summary>Gradient energy (structure-tensor trace) at full-resolution pixel (x, y).</summary>
    public float EnergyAt(double x, double y)
    {
        var (sxx, syy, _) = Tensor(x, y);
        return sxx + syy;
    }

    // The window's vertical pass at one grid point: taps in kernel order, rows clamped at the
    // grid's ends (replicate border), float accumulation — the same sums a full vertical pass makes.
    private (float Sxx, float Syy, float Sxy) Tensor(double x, double y)
    {
        int gx = Math.Clamp((int)Math.Round(x / 2), 0, Width - 1), gy = Math.Clamp((int)Math.Round(y / 2), 0, Height - 1);
        var k = _kernel;
        int r = k.Length / 2;
        float sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < k.Length; i++)
        {
            int j = (Math.Clamp(gy + i - r, 0, Height - 1) * Width) + gx;
            sxx += k[i] * _hxx[j];
            syy += k[i] * _hyy[j];
            sxy += k[i] * _hxy[j];
        }

        return (sxx, syy, sxy);
    }
}
