namespace ProgressVision.Synth.Scene;

/// <summary>What has become of a dot by a given session.</summary>
public enum DotCondition
{
    /// <summary>Healed normally.</summary>
    Normal = 0,

    /// <summary>Placed in this very session (photo taken right after): slightly raised contrast, may sit on redness.</summary>
    Fresh = 1,

    /// <summary>Lost contrast (patchy fade): still there but lighter.</summary>
    Faded = 2,

    /// <summary>Gone (patchy fade): not rendered and not counted.</summary>
    Lost = 3,

    /// <summary>Spread under the skin: larger, softer, with a blue-grey halo.</summary>
    Blowout = 4,
}
