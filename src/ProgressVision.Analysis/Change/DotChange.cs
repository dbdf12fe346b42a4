namespace ProgressVision.Analysis.Change;

/// <summary>What happened to a dot between BEFORE and AFTER.</summary>
public enum DotChangeLabel
{
    /// <summary>Present in both, contrast kept within the fade fraction.</summary>
    Retained = 0,

    /// <summary>Present in both, contrast fell by more than the fade fraction.</summary>
    Faded = 1,

    /// <summary>Present BEFORE, absent AFTER (inside the area both photos show).</summary>
    Lost = 2,

    /// <summary>Absent BEFORE, present AFTER (inside the area both photos show).</summary>
    New = 3,
}

/// <summary>
/// One dot's change. <see cref="X"/>, <see cref="Y"/> are BEFORE pixel coordinates (AFTER dots
/// mapped through the alignment); indices point into the lists given to <see cref="DotMatcher"/>
/// (−1 for the side where the dot is absent).
/// </summary>
public readonly record struct DotChange(DotChangeLabel Label, int BeforeIndex, int AfterIndex, double X, double Y, double ContrastRatio);
