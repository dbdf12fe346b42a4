namespace ProgressVision.Store;

/// <summary>How the store opens its database.</summary>
public sealed record StoreOptions
{
    /// <summary>How long to wait for another program's lock before failing with <see cref="StoreProblem.Locked"/>.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Run SQLite's <c>quick_check</c> when opening (cheap for a clinic-sized database).</summary>
    public bool VerifyIntegrity { get; init; } = true;
}
