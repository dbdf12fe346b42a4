namespace ProgressVision.Analysis.Segmentation;

/// <summary>Per-pixel class of a scalp photo.</summary>
public enum ScalpLabel : byte
{
    /// <summary>Not skin: clothing, walls, shadows beyond the head.</summary>
    Background = 0,

    /// <summary>Scalp skin (with or without pigment).</summary>
    Scalp = 1,

    /// <summary>Hair or stubble.</summary>
    Hair = 2,
}
