namespace ProgressVision.Store;

/// <summary>Selects the bundled e_sqlite3 native library once per process.</summary>
internal static class SqliteEngine
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;
}
