using ProgressVision.Synth.Camera;
using ProgressVision.Synth.Randomness;
using ProgressVision.Synth.Scene;

namespace ProgressVision.Synth.Rendering;

/// <summary>
/// A dot's outline mapped into one photo: centre, and the local linear map from image offsets to the
/// dot's own frame (units of its semi-axes), so ρ(δ) = |M·δ| is 1 on the nominal outline. Using the
/// Jacobian at the centre is exact to second order; over a 12 px dot the neglected curvature of the
/// mapping is below 1e-4 px.
/// </summary>
internal readonly struct DotGeometry
{
    public readonly double Cx, Cy;
    public readonly double M00, M01, M10, M11;
    public readonly double Major, Minor, AngleDeg, ExtentPx, PxPerMm;

    // Outline irregularity: r(θ) = 1 + e3 cos(3θ + p3) + e4 cos(4θ + p4). The 3rd and 4th harmonics
    // change neither the area nor the centroid to first order, so truth centre and area stay exact.
    public readonly double E3, P3, E4, P4;
    private readonly double _c3, _s3, _c4, _s4;

    public DotGeometry(SessionDot sd, PhotoProjection projection, ulong seed)
    {
        var dot = sd.Dot;
        (Cx, Cy) = projection.WorldToImagePoint(dot.X, dot.Y);
        var (a, b, c, d) = projection.WorldToImageJacobian(dot.X, dot.Y);
        double det = (a * d) - (b * c);

        // Image offset → world offset (J⁻¹), then rotate into the dot frame and divide by the semi-axes.
        double i00 = d / det, i01 = -b / det, i10 = -c / det, i11 = a / det;
        double ca = Math.Cos(dot.Angle), sa = Math.Sin(dot.Angle);
        double ra = sd.RadiusMm, rb = sd.RadiusMm * dot.Aspect;
        M00 = ((ca * i00) + (sa * i10)) / ra;
        M01 = ((ca * i01) + (sa * i11)) / ra;
        M10 = ((-sa * i00) + (ca * i10)) / rb;
        M11 = ((-sa * i01) + (ca * i11)) / rb;

        // Axes of the image ellipse {δ : |Mδ| = 1}: singular values of M⁻¹.
        double m00 = M00, m01 = M01, m10 = M10, m11 = M11;
        double mdet = (m00 * m11) - (m01 * m10);
        double n00 = m11 / mdet, n01 = -m01 / mdet, n10 = -m10 / mdet, n11 = m00 / mdet;
        // The ellipse is N·(unit circle), N = M⁻¹: its semi-axes are the singular values of N, along
        // the eigenvectors of N·Nᵀ.
        double s00 = (n00 * n00) + (n01 * n01), s01 = (n00 * n10) + (n01 * n11), s11 = (n10 * n10) + (n11 * n11);
        double tr = s00 + s11, disc = Math.Sqrt(Math.Max(0, ((s00 - s11) * (s00 - s11) / 4) + (s01 * s01)));
        Major = Math.Sqrt((tr / 2) + disc);
        Minor = Math.Sqrt(Math.Max(0, (tr / 2) - disc));
        AngleDeg = 0.5 * Math.Atan2(2 * s01, s00 - s11) * 180 / Math.PI;
        PxPerMm = Math.Sqrt(Math.Abs(det));

        E3 = 0.06 * SplitMix64.Hash01(seed, dot.Id, 0, 31);
        P3 = 6.283 * SplitMix64.Hash01(seed, dot.Id, 0, 32);
        E4 = 0.04 * SplitMix64.Hash01(seed, dot.Id, 0, 33);
        P4 = 6.283 * SplitMix64.Hash01(seed, dot.Id, 0, 34);
        ExtentPx = Major * (1 + E3 + E4);
        _c3 = E3 * Math.Cos(P3);
        _s3 = E3 * Math.Sin(P3);
        _c4 = E4 * Math.Cos(P4);
        _s4 = E4 * Math.Sin(P4);
    }

    /// <summary>Normalised radius of image offset (dx, dy): ≤ 1 inside the nominal outline.</summary>
    public double Rho(double dx, double dy)
    {
        double u = (M00 * dx) + (M01 * dy), v = (M10 * dx) + (M11 * dy);
        double rho = Math.Sqrt((u * u) + (v * v));
        if (rho < 1e-9)
        {
            return 0;
        }

        // cos(kθ + p) from the unit direction without atan2: cos 3θ and cos 4θ by Chebyshev recurrences.
        double ct = u / rho, st = v / rho;
        double c2 = (2 * ct * ct) - 1, s2 = 2 * st * ct;
        double c3 = (c2 * ct) - (s2 * st), s3 = (s2 * ct) + (c2 * st);
        double c4 = (c2 * c2) - (s2 * s2), s4 = 2 * s2 * c2;
        double boundary = 1 + (c3 * _c3) - (s3 * _s3) + (c4 * _c4) - (s4 * _s4);
        return rho / boundary;
    }
}
