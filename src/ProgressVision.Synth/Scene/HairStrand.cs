namespace ProgressVision.Synth.Scene;

/// <summary>What kind of hair a strand is.</summary>
public enum HairKind
{
    /// <summary>Long hair from the hair-bearing sides/back, lying over the scalp.</summary>
    Side = 0,

    /// <summary>Long hair from the front falling over the treated area.</summary>
    Fringe = 1,

    /// <summary>Short stubble of a shaved scalp (grows between sessions).</summary>
    Stubble = 2,

    /// <summary>Fine, light vellus hair in the treated (bald) area.</summary>
    Vellus = 3,
}

/// <summary>A hair as a cubic Bézier curve in world millimetres with a tapering width.</summary>
public sealed record HairStrand
{
    /// <summary>Root and three further control points: x0, y0, x1, y1, x2, y2, x3, y3 (mm).</summary>
    public required double[] ControlPoints { get; init; }

    /// <summary>Width at the root, mm (0.05–0.1 for terminal hair).</summary>
    public required double WidthMm { get; init; }

    /// <summary>Width at the tip as a fraction of the root width.</summary>
    public double TipTaper { get; init; } = 0.5;

    /// <summary>Linear-light colour.</summary>
    public required LinearRgb Colour { get; init; }

    /// <summary>Opacity (vellus hair is translucent).</summary>
    public double Opacity { get; init; } = 1.0;

    /// <summary>Kind of hair.</summary>
    public required HairKind Kind { get; init; }

    /// <summary>Point at parameter t ∈ [0, 1], mm.</summary>
    public (double X, double Y) At(double t)
    {
        var p = ControlPoints;
        double u = 1 - t;
        double b0 = u * u * u, b1 = 3 * u * u * t, b2 = 3 * u * t * t, b3 = t * t * t;
        return ((b0 * p[0]) + (b1 * p[2]) + (b2 * p[4]) + (b3 * p[6]), (b0 * p[1]) + (b1 * p[3]) + (b2 * p[5]) + (b3 * p[7]));
    }

    /// <summary>Approximate length (control-polygon based upper bound), mm.</summary>
    public double ApproxLengthMm
    {
        get
        {
            var p = ControlPoints;
            double l = 0;
            for (int i = 0; i < 3; i++)
            {
                l += Math.Sqrt(Math.Pow(p[(2 * i) + 2] - p[2 * i], 2) + Math.Pow(p[(2 * i) + 3] - p[(2 * i) + 1], 2));
            }

            return l;
        }
    }
}
