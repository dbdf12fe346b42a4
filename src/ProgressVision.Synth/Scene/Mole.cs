namespace ProgressVision.Synth.Scene;

/// <summary>A naevus: a soft brown disc, larger than a pigment dot, that a dot detector must not count.</summary>
/// <param name="X">Centre x, mm.</param>
/// <param name="Y">Centre y, mm.</param>
/// <param name="RadiusMm">Radius, mm (0.8–2.5).</param>
/// <param name="Darkness">Blend towards the mole colour at the centre, 0..1.</param>
public sealed record Mole(double X, double Y, double RadiusMm, double Darkness);
