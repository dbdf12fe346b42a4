using System.Globalization;
using Microsoft.Data.Sqlite;
using ProgressVision.Store.Model;

namespace ProgressVision.Store;

public sealed partial class ClinicStore
{
    private const string ClientColumns = "id, name, notes, created_utc";

    /// <summary>Adds a client. Names are any text (HTML, slashes, quotes are kept as typed) but unique, ignoring case.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="notes">Internal notes.</param>
    /// <param name="externalId">Import key (e.g. the sample manifest's client id), unique when given.</param>
    /// <exception cref="StoreException">Empty or duplicate name.</exception>
    public Client AddClient(string name, string? notes = null, string? externalId = null)
    {
        string trimmed = ValidateText(name, "client name", 200);
        return Write(() =>
        {
            if (FindClientOrNull(trimmed) is { } existing && existing.Name.Equals(trimmed, StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreException(StoreProblem.Duplicate, $"a client named '{existing.Name}' already exists (id {existing.Id}).");
            }

            var now = DateTimeOffset.UtcNow;
            long id = Scalar<long>("INSERT INTO clients(name, notes, created_utc, external_id) VALUES ($n, $notes, $t, $x) RETURNING id;",
                ("$n", trimmed), ("$notes", notes), ("$t", FormatInstant(now)), ("$x", externalId));
            return new Client(id, trimmed, notes, now);
        });
    }

    /// <summary>All clients, by name.</summary>
    public IReadOnlyList<Client> ListClients() =>
        Guard(() => Query($"SELECT {ClientColumns} FROM clients ORDER BY name COLLATE NOCASE, id;", ReadClient));

    /// <summary>Finds a client by exact name (ignoring case) or by numeric id.</summary>
    /// <exception cref="StoreException">No such client (<see cref="StoreProblem.NotFound"/>).</exception>
    public Client GetClient(string nameOrId) =>
        FindClientOrNull(nameOrId) ?? throw new StoreException(StoreProblem.NotFound,
            $"no client '{nameOrId}' in {DatabasePath}; `progressvision client list` shows the clients.");

    /// <summary>Finds a client by its import key, or null.</summary>
    public Client? FindClientByExternalId(string externalId) => Guard(() =>
        Query($"SELECT {ClientColumns} FROM clients WHERE external_id = $x;", ReadClient, ("$x", externalId)).FirstOrDefault());

    /// <summary>Finds a client by exact name (ignoring case) or by numeric id, or null.</summary>
    public Client? FindClientOrNull(string nameOrId) => Guard(() =>
    {
        string key = nameOrId.Trim();
        var byName = Query($"SELECT {ClientColumns} FROM clients WHERE name = $n;", ReadClient, ("$n", key));
        if (byName.Count > 0)
        {
            return byName[0];
        }

        string digits = key.StartsWith('#') ? key[1..] : key;
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            return Query($"SELECT {ClientColumns} FROM clients WHERE id = $id;", ReadClient, ("$id", id)).FirstOrDefault();
        }

        return null;
    });

    private static Client ReadClient(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), ParseInstant(r.GetString(3)));

    internal static string ValidateText(string? text, string what, int maxLength)
    {
        string t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            throw new StoreException(StoreProblem.Invalid, $"the {what} is empty.");
        }

        if (t.Length > maxLength)
        {
            throw new StoreException(StoreProblem.Invalid, $"the {what} is longer than {maxLength} characters.");
        }

        if (t.Any(c => char.IsControl(c)))
        {
            throw new StoreException(StoreProblem.Invalid, $"the {what} contains control characters.");
        }

        return t;
    }

    internal static string FormatInstant(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseInstant(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    internal static DateTimeOffset? ParseInstantOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : ParseInstant(r.GetString(i));
}
