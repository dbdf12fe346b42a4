namespace ProgressVision.Synth.Camera;

/// <summary>
/// The dome of the scalp as a smooth image-space displacement added before the plane homography is
/// inverted: a pixel u sees the plane point H⁻¹(u + d(u)) with
/// d(u) = A · (|u − c| / R)² · (u − c) / R, R = half the image diagonal.
/// With A &gt; 0 the periphery is compressed (each pixel there spans more millimetres), as on a dome
/// seen from above. The cubic term cannot be absorbed by any homography, so two photos with different
/// centres or amplitudes differ from the best-fitting homography by about A/4..A/2 px.
/// </summary>
/// <param name="AmplitudePx">A: displacement at distance R from the centre, px.</param>
/// <param name="CentreX">Dome centre c in the image, x px.</param>
/// <param name="CentreY">Dome centre c in the image, y px.</param>
/// <param name="RadiusPx">R, px.</param>
public sealed record CurvatureDistortion(double AmplitudePx, double CentreX, double CentreY, double RadiusPx)
{
    /// <summary>d(u).</summary>
    public (double Dx, double Dy) Displacement(double x, double y)
    {
        double ux = (x - CentreX) / RadiusPx, uy = (y - CentreY) / RadiusPx;
        double k = AmplitudePx * ((ux * ux) + (uy * uy));
        return (k * ux, k * uy);
    }

    /// <summary>Jacobian of u + d(u): I + (A/R)(ρ² I + 2 v vᵀ), v = (u − c)/R, ρ = |v|.</summary>
    public (double A, double B, double C, double D) JacobianOfIdentityPlus(double x, double y)
    {
        double ux = (x - CentreX) / RadiusPx, uy = (y - CentreY) / RadiusPx;
        double s = AmplitudePx / RadiusPx, r2 = (ux * ux) + (uy * uy);
        return (1 + (s * (r2 + (2 * ux * ux))), s * 2 * ux * uy, s * 2 * ux * uy, 1 + (s * (r2 + (2 * uy * uy))));
    }
}
