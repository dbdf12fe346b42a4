namespace ProgressVision.Synth.Scene;

/// <summary>
/// A closed region in world millimetres whose boundary is r(θ) = R·(1 + Σ aₖ·sin(kθ + φₖ)) around a
/// centre: star-shaped, smooth, and testable in O(1) — used for the treated area, gaps, healing
/// regions and the scalp outline.
/// </summary>
public sealed record StarRegion
{
    /// <summary>Centre x, mm.</summary>
    public required double CentreX { get; init; }

    /// <summary>Centre y, mm.</summary>
    public required double CentreY { get; init; }

    /// <summary>Mean radius R, mm.</summary>
    public required double Radius { get; init; }

    /// <summary>Horizontal stretch applied before the radial test (1 = round).</summary>
    public double Aspect { get; init; } = 1.0;

    /// <summary>Harmonic amplitudes a₁, a₂, … (fractions of R; keep Σ|aₖ| &lt; 0.6).</summary>
    public double[] Amplitudes { get; init; } = [];

    /// <summary>Harmonic phases φ₁, φ₂, …, radians.</summary>
    public double[] Phases { get; init; } = [];

    /// <summary>Boundary radius at angle θ (in the stretched frame).</summary>
    public double RadiusAt(double theta)
    {
        double r = 1.0;
        for (int k = 0; k < Amplitudes.Length; k++)
        {
            r += Amplitudes[k] * Math.Sin(((k + 1) * theta) + Phases[k]);
        }

        return Radius * r;
    }

    /// <summary>
    /// Signed distance-like value: (ρ − r(θ)) in mm of the stretched frame, negative inside. Exact on the
    /// boundary (zero) and a good distance estimate within a few mm of it.
    /// </summary>
    public double SignedDistance(double x, double y)
    {
        double dx = (x - CentreX) / Aspect, dy = y - CentreY;
        double rho = Math.Sqrt((dx * dx) + (dy * dy));
        return rho - RadiusAt(Math.Atan2(dy, dx));
    }

    /// <summary>True when (x, y) is inside or on the boundary.</summary>
    public bool Contains(double x, double y) => SignedDistance(x, y) <= 0;

    /// <summary>Axis-aligned bounds (conservative).</summary>
    public (double MinX, double MinY, double MaxX, double MaxY) Bounds
    {
        get
        {
            double rmax = Radius * (1.0 + Amplitudes.Sum(Math.Abs));
            return (CentreX - (rmax * Aspect), CentreY - rmax, CentreX + (rmax * Aspect), CentreY + rmax);
        }
    }

    /// <summary>Area in mm² (numerical integral of ½r(θ)² over θ, times the stretch).</summary>
    public double AreaMm2
    {
        get
        {
            const int n = 2048;
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double r = RadiusAt(2 * Math.PI * i / n);
                sum += r * r;
            }

            return 0.5 * sum * (2 * Math.PI / n) * Aspect;
        }
    }

    /// <summary>The boundary as <paramref name="vertices"/> points (x0, y0, x1, y1, …) in mm.</summary>
    public double[] Polygon(int vertices = 96)
    {
        var p = new double[vertices * 2];
        for (int i = 0; i < vertices; i++)
        {
            double t = 2 * Math.PI * i / vertices;
            double r = RadiusAt(t);
            p[2 * i] = CentreX + (r * Math.Cos(t) * Aspect);
            p[(2 * i) + 1] = CentreY + (r * Math.Sin(t));
        }

        return p;
    }
}
