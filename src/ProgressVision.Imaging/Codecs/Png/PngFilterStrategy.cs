namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>How <see cref="PngEncoder"/> chooses each row's filter (PNG 2nd ed. §9.2, §12.8).</summary>
public enum PngFilterStrategy
{
    /// <summary>
    /// Per row, try all five filters and keep the one whose output bytes, read as signed, have the smallest sum of
    /// absolute values (the "minimum sum of absolute differences" heuristic of §12.8 and libpng).
    /// </summary>
    Adaptive = 0,

    /// <summary>Filter type 0 on every row.</summary>
    None,

    /// <summary>Filter type 1 (Sub) on every row.</summary>
    Sub,

    /// <summary>Filter type 2 (Up) on every row.</summary>
    Up,

    /// <summary>Filter type 3 (Average) on every row.</summary>
    Average,

    /// <summary>Filter type 4 (Paeth) on every row.</summary>
    Paeth,
}
