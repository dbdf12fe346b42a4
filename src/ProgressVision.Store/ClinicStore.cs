using Microsoft.Data.Sqlite;

namespace ProgressVision.Store;

/// <summary>
/// The clinic database: one SQLite file (WAL mode) plus a content-addressed photo library in a
/// <c>photos</c> folder beside it. Every multi-step change runs in one <c>BEGIN IMMEDIATE</c>
/// transaction, so a crash or a kill leaves either all of it or none of it. Not thread-safe: one
/// instance per thread; several processes may share the file (SQLite locking).
/// </summary>
public sealed partial class ClinicStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private ClinicStore(string databasePath, SqliteConnection connection, PhotoLibrary library)
    {
        DatabasePath = databasePath;
        _connection = connection;
        Library = library;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The managed photo library beside the database.</summary>
    public PhotoLibrary Library { get; }

    /// <summary>Schema version of the open database (after migration).</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>
    /// The default database: <c>ProgressVision/progressvision.db</c> in the user's local data folder
    /// (<c>%LOCALAPPDATA%</c> on Windows, <c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux).
    /// </summary>
    public static string DefaultDatabasePath()
    {
        string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            // No home folder (e.g. a service account): fall back to the working directory rather than the file system root.
            root = Path.Combine(Environment.CurrentDirectory, ".progressvision");
        }

        return Path.Combine(root, "ProgressVision", "progressvision.db");
    }

    /// <summary>Opens (creating if needed) and migrates the database at <paramref name="databasePath"/>.</summary>
    /// <exception cref="StoreException">Locked, corrupt, newer schema, or the folder cannot be written.</exception>
    public static ClinicStore Open(string databasePath, StoreOptions? options = null)
    {
        options ??= new StoreOptions();
        string path = Path.GetFullPath(databasePath);
        if (Directory.Exists(path))
        {
            throw new StoreException(StoreProblem.CannotOpen, $"{path}: is a folder; --db needs a database file name (e.g. {Path.Combine(path, "progressvision.db")}).");
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreProblem.CannotOpen, $"{path}: cannot create its folder: {ex.Message}", ex);
        }

        SqliteEngine.EnsureInitialized();
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooled connections keep the file open after Dispose (Windows then refuses to delete or move it).
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        var store = new ClinicStore(path, connection, new PhotoLibrary(Path.Combine(Path.GetDirectoryName(path)!, "photos")));
        try
        {
            store.Guard(() =>
            {
                connection.Open();
                store.Execute($"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds};");
                // Checks the header first: a non-database file fails here with SQLITE_NOTADB.
                string mode = store.Scalar<string>("PRAGMA journal_mode = WAL;") ?? "";
                if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StoreException(StoreProblem.CannotOpen, $"{path}: cannot switch to WAL journal mode (got '{mode}'); is the folder on a network share?");
                }

                // FULL: a committed session or analysis survives power loss, not just a process kill.
                store.Execute("PRAGMA synchronous = FULL;");
                if (options.VerifyIntegrity)
                {
                    store.CheckIntegrity();
                }

                store.SchemaVersion = StoreMigrations.Apply(store);
                return 0;
            });
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Runs SQLite's <c>quick_check</c>; throws <see cref="StoreException"/> (Corrupt) when it finds damage.</summary>
    public void CheckIntegrity() => Guard(() =>
    {
        var problems = new List<string>();
        using var cmd = Command("PRAGMA quick_check;");
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            problems.Add(reader.GetString(0));
        }

        if (problems.Count != 1 || problems[0] != "ok")
        {
            throw new StoreException(StoreProblem.Corrupt,
                $"{DatabasePath}: the database file is damaged ({string.Join("; ", problems.Take(3))}). Restore it from a backup; the photo library in {Library.Folder} is unaffected.");
        }

        return 0;
    });

    /// <inheritdoc />
    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (all or nothing).</summary>
    internal T Write<T>(Func<T> work) => Guard(() =>
    {
        if (_transaction is not null)
        {
            return work();
        }

        // Microsoft.Data.Sqlite issues BEGIN IMMEDIATE: the write lock is taken up front, so a busy
        // database fails here (after busy_timeout) instead of half-way through.
        _transaction = _connection.BeginTransaction();
        try
        {
            T result = work();
            _transaction.Commit();
            return result;
        }
        finally
        {
            _transaction.Dispose();
            _transaction = null;
        }
    });

    /// <summary>Turns SQLite failures into <see cref="StoreException"/>s that name the file.</summary>
    internal T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    private StoreException Translate(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) switch
    {
        5 or 6 => new StoreException(StoreProblem.Locked,
            $"{DatabasePath}: the database is locked by another program (another progressvision still running?); try again when it has finished.", ex),
        11 => new StoreException(StoreProblem.Corrupt,
            $"{DatabasePath}: the database file is damaged ({ex.Message}). Restore it from a backup.", ex),
        26 => new StoreException(StoreProblem.Corrupt,
            $"{DatabasePath}: not a ProgressVision database (the file is not SQLite, or is encrypted or damaged).", ex),
        8 or 14 or 10 or 13 => new StoreException(StoreProblem.CannotOpen,
            $"{DatabasePath}: cannot open or write the database ({ex.Message}).", ex),
        19 => new StoreException(StoreProblem.Duplicate, $"{DatabasePath}: {ex.Message}", ex),
        _ => new StoreException(StoreProblem.CannotOpen, $"{DatabasePath}: database error: {ex.Message}", ex),
    };

    internal SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    internal int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    internal T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        object? value = cmd.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }
}
