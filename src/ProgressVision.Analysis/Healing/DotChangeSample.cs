namespace ProgressVision.Analysis.Healing;

/// <summary>
/// One BEFORE dot and what became of it, in BEFORE pixels: the input of the fade and blowout evidence.
/// </summary>
/// <param name="X">Centre x.</param>
/// <param name="Y">Centre y.</param>
/// <param name="Faded">True when it faded or was lost.</param>
/// <param name="ContrastRatio">AFTER contrast / BEFORE contrast (0 when lost).</param>
/// <param name="RadiusRatio">AFTER radius / BEFORE radius (NaN when lost).</param>
public readonly record struct DotChangeSample(double X, double Y, bool Faded, double ContrastRatio, double RadiusRatio);
