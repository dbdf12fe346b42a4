namespace ProgressVision.Analysis.Change;

/// <summary>What became of a pigment dot between two sessions.</summary>
public enum DotFate
{
    /// <summary>Present in both photos with comparable contrast.</summary>
    Retained,

    /// <summary>Present in both, but its contrast fell by more than the fade fraction.</summary>
    Faded,

    /// <summary>In the earlier photo only (where the later photo shows that spot).</summary>
    Lost,

    /// <summary>In the later photo only (added in the session between).</summary>
    New,
}
