namespace ProgressVision.Analysis.Dots;

/// <summary>
/// One pigment dot found in a photo. Coordinates are pixels, OpenCV convention (pixel centres at
/// integer coordinates).
/// </summary>
/// <param name="X">Sub-pixel centre, column.</param>
/// <param name="Y">Sub-pixel centre, row.</param>
/// <param name="Radius">Radius in pixels (half-darkness radius of the radial profile).</param>
/// <param name="Contrast">
/// Darkness of the dot's centre relative to the surrounding skin, 1 − L_dot / L_skin on
/// illumination-normalised luminance: 0 = invisible, 1 = black.
/// </param>
/// <param name="Score">Scale-normalised blob response (difference of Gaussians) at the detected scale.</param>
public readonly record struct PigmentDot(double X, double Y, double Radius, double Contrast, double Score);
