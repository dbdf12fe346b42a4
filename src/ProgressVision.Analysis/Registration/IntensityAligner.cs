using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Inverse-compositional Lucas–Kanade for a homography (Baker &amp; Matthews, "Lucas-Kanade 20
/// Years On", IJCV 2004, section 3.2) on illumination-normalised planes, with Cauchy weights so
/// that dots added between sessions, hair growth and specular spots do not pull the estimate.
/// The template is AFTER, the image BEFORE; the warp maps AFTER pixels to BEFORE pixels.
/// </summary>
internal static class IntensityAligner
{
    /// <summary>Refines <paramref name="afterToBefore"/> (level pixels) and returns the new warp.</summary>
    public static Homography Refine(
        TemplateSamples s, PixelBuffer<float> beforeZ, Homography afterToBefore, int templateWidth, int templateHeight, int maxIterations = 40)
    {
        // Normalise template coordinates (centre, unit half-size) so the 8×8 Hessian is well conditioned.
        double cx = (templateWidth - 1) / 2.0, cy = (templateHeight - 1) / 2.0, k = 2.0 / Math.Max(templateWidth, templateHeight);
        var norm = new Homography(k, 0, -k * cx, 0, k, -k * cy, 0, 0, 1);
        var m = afterToBefore * norm.Inverse();
        int n = s.Count;
        if (n < 50)
        {
            return afterToBefore;
        }

        // Steepest-descent images ∇T·∂W/∂p at p = 0, fixed for all iterations (the IC trick).
        var sd = new double[n * 8];
        var u = new double[n];
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            double ui = (s.X[i] - cx) * k, vi = (s.Y[i] - cy) * k;
            u[i] = ui;
            v[i] = vi;
            double tu = s.Gx[i] / k, tv = s.Gy[i] / k;
            int o = i * 8;
            sd[o] = tu * ui; sd[o + 1] = tu * vi; sd[o + 2] = tu;
            sd[o + 3] = tv * ui; sd[o + 4] = tv * vi; sd[o + 5] = tv;
            sd[o + 6] = (-tu * ui * ui) - (tv * ui * vi);
            sd[o + 7] = (-tu * ui * vi) - (tv * vi * vi);
        }

        var residual = new float[n];
        var hess = new double[64];
        var grad = new double[8];
        var dp = new double[8];
        for (int it = 0; it < maxIterations; it++)
        {
            int valid = Residuals(s, beforeZ, m, u, v, residual);
            if (valid < 50)
            {
                break;
            }

            double gain = FitGain(s, residual);
            double c = CauchyScale(residual);
            Array.Clear(hess);
            Array.Clear(grad);
            for (int i = 0; i < n; i++)
            {
                float e = residual[i];
                if (float.IsNaN(e))
                {
                    continue;
                }

                double r = e / c, w = 1 / (1 + (r * r));
                int o = i * 8;
                for (int a = 0; a < 8; a++)
                {
                    double wa = w * sd[o + a];
                    grad[a] += wa * e;
                    for (int b = a; b < 8; b++)
                    {
                        hess[(a * 8) + b] += wa * sd[o + b];
                    }
                }
            }

            for (int a = 0; a < 8; a++)
            {
                for (int b = 0; b < a; b++)
                {
                    hess[(a * 8) + b] = hess[(b * 8) + a];
                }
            }

            if (!SmallLinearAlgebra.Solve(hess, grad, 8, dp))
            {
                break;
            }

            // The residual is I − (αT + β) ≈ α·SD·Δp, so the Gauss–Newton step on it is α·Δp.
            for (int a = 0; a < 8; a++)
            {
                dp[a] /= gain;
            }

            // W ← W ∘ W(Δp)⁻¹ (the inverse-compositional update).
            var dw = new Homography(1 + dp[0], dp[1], dp[2], dp[3], 1 + dp[4], dp[5], dp[6], dp[7], 1);
            m = (m * dw.Inverse()).Normalized();

            // Stop when the template corners move less than a thousandth of a pixel.
            double move = 0;
            foreach (var (qx, qy) in new[] { (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0) })
            {
                var (ax, ay) = dw.Map(qx, qy);
                move = Math.Max(move, Math.Sqrt(((ax - qx) * (ax - qx)) + ((ay - qy) * (ay - qy))) / k);
            }

            if (move < 1e-3)
            {
                break;
            }
        }

        return (m * norm).Normalized();
    }

    /// <summary>
    /// Pearson correlation between the template values and the image sampled where
    /// <paramref name="afterToBefore"/> (level pixels) sends them, over samples landing inside the image; 0 with fewer than 50.
    /// </summary>
    public static double Correlation(TemplateSamples s, PixelBuffer<float> beforeZ, Homography afterToBefore)
    {
        var sampler = new PlaneSampler(beforeZ);
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int i = 0; i < s.Count; i++)
        {
            var (x, y) = afterToBefore.Map(s.X[i], s.Y[i]);
            float b = sampler.At(x, y);
            if (float.IsNaN(b))
            {
                continue;
            }

            double a = s.Value[i];
            sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
            n++;
        }

        if (n < 50)
        {
            return 0;
        }

        double cov = (sab / n) - (sa / n * (sb / n));
        double va = (saa / n) - (sa / n * (sa / n)), vb = (sbb / n) - (sb / n * (sb / n));
        return va <= 0 || vb <= 0 ? 0 : cov / Math.Sqrt(va * vb);
    }

    /// <summary>Robust scale of the residuals: 1.4826 × median |e| (a MAD for zero-centred data), ×2.385 for Cauchy's 95% efficiency.</summary>
    internal static double CauchyScale(ReadOnlySpan<float> residual)
    {
        int step = Math.Max(1, residual.Length / 4000);
        var tmp = new List<float>(4100);
        for (int i = 0; i < residual.Length; i += step)
        {
            if (!float.IsNaN(residual[i]))
            {
                tmp.Add(Math.Abs(residual[i]));
            }
        }

        if (tmp.Count == 0)
        {
            return 1;
        }

        tmp.Sort();
        return Math.Max(2.385 * 1.4826 * tmp[tmp.Count / 2], 1e-3);
    }

    // Photometric gain and bias (the image modelled as αT + β, as in ECC, Evangelidis & Psarakis,
    // PAMI 2008): weighted least squares of I(W(x)) on T(x), Cauchy weights on the current residual;
    // rewrites residual to I − (αT + β) and returns α. Both planes are z-scores, but where noise,
    // blur and new dots decorrelate them α is well below 1 (≈ 0.2 on very dark, blurred, noisy
    // photos). Without it, plain I − T makes the Gauss–Newton step about α times too short (0.97
    // contraction per iteration, so the 40-iteration cap stopped 0.1–0.2 px short on such pairs)
    // and the Cauchy weights, scaled to I − T, down-weight the strong template edges that do match.
    // α is clamped to [0.1, 1.5] so a near-zero estimate on unrelated photos cannot blow up the step.
    private static double FitGain(TemplateSamples s, float[] residual)
    {
        double c = CauchyScale(residual);
        double sw = 0, st = 0, si = 0, stt = 0, sti = 0;
        for (int i = 0; i < residual.Length; i++)
        {
            float e = residual[i];
            if (float.IsNaN(e))
            {
                continue;
            }

            double r = e / c, w = 1 / (1 + (r * r));
            double t = s.Value[i], iv = e + t;
            sw += w; st += w * t; si += w * iv; stt += w * t * t; sti += w * t * iv;
        }

        if (sw <= 0)
        {
            return 1;
        }

        double mt = st / sw, mi = si / sw, vt = (stt / sw) - (mt * mt);
        double alpha = vt <= 0 ? 1 : ((sti / sw) - (mt * mi)) / vt;
        alpha = Math.Clamp(alpha, 0.1, 1.5);
        double beta = mi - (alpha * mt);
        for (int i = 0; i < residual.Length; i++)
        {
            if (!float.IsNaN(residual[i]))
            {
                residual[i] = (float)(residual[i] + s.Value[i] - (alpha * s.Value[i]) - beta);
            }
        }

        return alpha;
    }

    private static int Residuals(TemplateSamples s, PixelBuffer<float> img, Homography m, double[] u, double[] v, float[] residual)
    {
        var sampler = new PlaneSampler(img);
        int valid = 0;
        for (int i = 0; i < s.Count; i++)
        {
            var (x, y) = m.Map(u[i], v[i]);
            float val = sampler.At(x, y);
            residual[i] = val - s.Value[i];
            if (!float.IsNaN(val))
            {
                valid++;
            }
        }

        return valid;
    }
}
