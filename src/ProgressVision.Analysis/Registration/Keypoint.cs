namespace ProgressVision.Analysis.Registration;

/// <summary>
/// A detected corner: position in feature-level pixels, orientation (radians, intensity centroid),
/// the scale level it was found on (size factor 2^(level/3)) and its corner response.
/// </summary>
internal readonly record struct Keypoint(float X, float Y, float Angle, int Level, float Response);
