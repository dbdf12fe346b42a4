namespace ProgressVision.Analysis.Dots;

/// <summary>The standard normal distribution's lower tail Φ(z), for noise-aware decisions on measured figures.</summary>
internal static class NormalTail
{
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
}
