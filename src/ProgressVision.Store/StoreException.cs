namespace ProgressVision.Store;

/// <summary>
/// The one exception the store raises for anything the user can act on: the database file is
/// locked, corrupt, from a newer program version, or not a database; a client is unknown; a photo
/// is a duplicate or missing. The message names the file and the problem.
/// </summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(StoreProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
    }

    /// <summary>What kind of problem it is (for exit codes and tests).</summary>
    public StoreProblem Problem { get; }
}

/// <summary>Kinds of <see cref="StoreException"/>.</summary>
public enum StoreProblem
{
    /// <summary>Another program holds the database lock.</summary>
    Locked,

    /// <summary>The database file is damaged or is not a database.</summary>
    Corrupt,

    /// <summary>The database was written by a newer version of ProgressVision.</summary>
    NewerSchema,

    /// <summary>The database file or its folder cannot be opened or written.</summary>
    CannotOpen,

    /// <summary>No such client, session or photo.</summary>
    NotFound,

    /// <summary>The item already exists (client name, session number, identical photo).</summary>
    Duplicate,

    /// <summary>An input file is missing or unreadable.</summary>
    MissingFile,

    /// <summary>A value is not acceptable (empty name, bad view, consent missing).</summary>
    Invalid,

    /// <summary>A photo in the managed library no longer matches its recorded SHA-256.</summary>
    Tampered,
}
