namespace ProgressVision.Synth.Truth;

/// <summary>Truth of one synthetic case: both photos and the pair.</summary>
public sealed record CaseTruth
{
    /// <summary>Case name.</summary>
    public required string Name { get; init; }

    /// <summary>Seed the case was generated from.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Preset name.</summary>
    public required string Preset { get; init; }

    /// <summary>BEFORE photo.</summary>
    public required PhotoTruth Before { get; init; }

    /// <summary>AFTER photo.</summary>
    public required PhotoTruth After { get; init; }

    /// <summary>Mapping and change.</summary>
    public required PairTruth Pair { get; init; }
}
