namespace ProgressVision.Analysis.Statistics;

/// <summary>
/// The standard normal distribution: its lower tail Φ(z) and its inverse, for the noise-aware decisions on measured
/// figures (faint dots in Dots, the redness z-test in Healing).
/// </summary>
internal static class StandardNormal
{
    // P. J. Acklam's rational approximations (relative error < 1.2e-9): one on the central region, one on the
    // tails in q = √(−2 ln p), which keeps precision where p is tiny.
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    private const double Low = 0.02425;

    /// <summary>
    /// Φ(z) = P(Z ≤ z) for a standard normal Z, to within 1.5·10⁻⁷ absolute: erfc by Abramowitz &amp; Stegun
    /// 7.1.26 (a rational polynomial in t = 1/(1 + p·x) times e^(−x²)), Φ(z) = ½·erfc(−z/√2).
    /// </summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        double x = Math.Abs(z) / Math.Sqrt(2);
        double t = 1 / (1 + (0.3275911 * x));
        double poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        double erfc = poly * Math.Exp(-x * x);
        return z >= 0 ? 1 - (0.5 * erfc) : 0.5 * erfc;
    }

    /// <summary>
    /// x with Φ(x) = <paramref name="p"/>, for 0 &lt; p &lt; 1 (the inverse of <see cref="Cdf"/>): "how far above typical
    /// is the most extreme of n windows?".
    /// </summary>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is needed.");
        }

        if (p < Low)
        {
            return Tail(Math.Sqrt(-2 * Math.Log(p)));
        }

        if (p > 1 - Low)
        {
            return -Tail(Math.Sqrt(-2 * Math.Log(1 - p)));
        }

        double q = p - 0.5, r = q * q;
        return (((((((((A[0] * r) + A[1]) * r) + A[2]) * r) + A[3]) * r) + A[4]) * r + A[5]) * q
            / (((((((((B[0] * r) + B[1]) * r) + B[2]) * r) + B[3]) * r) + B[4]) * r + 1);
    }

    private static double Tail(double q) =>
        (((((((((C[0] * q) + C[1]) * q) + C[2]) * q) + C[3]) * q) + C[4]) * q + C[5])
        / ((((((((D[0] * q) + D[1]) * q) + D[2]) * q) + D[3]) * q) + 1);
}
