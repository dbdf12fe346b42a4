using System.CommandLine;
using ProgressVision.Store;

namespace ProgressVision.Cli.Clinic;

/// <summary>Options every clinic command shares: which database, and text or JSON output.</summary>
public static class ClinicOptions
{
    /// <summary>A new <c>--db</c> option (one instance per command).</summary>
    public static Option<string?> Db() => new("--db")
    {
        Description = $"Database file (default: {ClinicStore.DefaultDatabasePath()}). The photo library lives in a 'photos' folder beside it.",
        HelpName = "FILE",
    };

    /// <summary>A new <c>--format</c> option.</summary>
    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "Output format: text (a table) or json (for scripts).",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    /// <summary>A new required <c>--client</c> option.</summary>
    public static Option<string> Client() => new("--client")
    {
        Description = "Client name (exact, ignoring case) or #id.",
        Required = true,
        HelpName = "NAME",
    };

    /// <summary>Opens the chosen database.</summary>
    public static ClinicStore OpenStore(string? db) => ClinicStore.Open(string.IsNullOrWhiteSpace(db) ? ClinicStore.DefaultDatabasePath() : db);
}
