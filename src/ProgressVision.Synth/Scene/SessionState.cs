namespace ProgressVision.Synth.Scene;

/// <summary>The scalp as photographed at one session.</summary>
public sealed record SessionState
{
    /// <summary>Session number, 1-based.</summary>
    public required int Number { get; init; }

    /// <summary>Date of the session.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Days between the work of the previous session and this photo (drives redness and healing).</summary>
    public required int DaysSincePreviousSession { get; init; }

    /// <summary>Every dot placed so far with its condition at this session (lost dots included, flagged).</summary>
    public required IReadOnlyList<SessionDot> Dots { get; init; }

    /// <summary>Hair as it lies at this session (hair moves and grows; it is not a stable feature).</summary>
    public required IReadOnlyList<HairStrand> Hair { get; init; }

    /// <summary>
    /// Empty patches of the treated area at this session: gaps left open by this session and every earlier
    /// one (a gap filled once keeps its dots even when a later session leaves it open again).
    /// </summary>
    public required IReadOnlyList<StarRegion> Gaps { get; init; }

    /// <summary>Healing conditions visible at this session.</summary>
    public required IReadOnlyList<HealingRegion> Healing { get; init; }

    /// <summary>Stubble length, mm (grows ~0.35 mm/day after shaving).</summary>
    public double StubbleLengthMm { get; init; }
}
