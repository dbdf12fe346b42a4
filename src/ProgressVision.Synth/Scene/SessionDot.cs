namespace ProgressVision.Synth.Scene;

/// <summary>The state of one <see cref="PigmentDot"/> as it appears at a session.</summary>
/// <param name="Dot">The placed dot.</param>
/// <param name="Condition">Normal, fresh, faded, lost or blown out.</param>
/// <param name="OpacityFactor">Multiplies the dot's opacity (fade lowers it).</param>
/// <param name="RadiusFactor">Multiplies the dot's radii (blowout raises it).</param>
/// <param name="HaloRadiusMm">Radius of the blue-grey halo (0 = none).</param>
public sealed record SessionDot(PigmentDot Dot, DotCondition Condition, double OpacityFactor = 1.0, double RadiusFactor = 1.0, double HaloRadiusMm = 0.0)
{
    /// <summary>True unless the dot is lost.</summary>
    public bool IsPresent => Condition != DotCondition.Lost;

    /// <summary>Semi-major axis as it appears, mm.</summary>
    public double RadiusMm => Dot.RadiusMm * RadiusFactor;
}
