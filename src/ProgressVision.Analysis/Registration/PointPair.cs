namespace ProgressVision.Analysis.Registration;

/// <summary>A correspondence: a point in AFTER and the point it should map to in BEFORE.</summary>
public readonly record struct PointPair(double AfterX, double AfterY, double BeforeX, double BeforeY);
