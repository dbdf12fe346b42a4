namespace ProgressVision.Imaging.Morphology;

/// <summary>Which neighbours join two foreground pixels into one component.</summary>
public enum Connectivity
{
    /// <summary>Edge neighbours only (left, right, up, down).</summary>
    Four = 4,

    /// <summary>Edge and corner neighbours.</summary>
    Eight = 8,
}
