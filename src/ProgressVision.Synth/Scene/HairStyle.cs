namespace ProgressVision.Synth.Scene;

/// <summary>How the client's remaining hair is kept.</summary>
public enum HairStyle
{
    /// <summary>Shaved: stubble in the hair-bearing zone only.</summary>
    Shaved = 0,

    /// <summary>Stubble plus longer hair on the sides and a few strands over the treated area.</summary>
    LongSides = 1,
}
