using ProgressVision.Store.Model;

namespace ProgressVision.Store;

public sealed partial class ClinicStore
{
    /// <summary>Records that the client gave consent for <paramref name="scope"/> (idempotent while active).</summary>
    public ConsentRecord GrantConsent(long clientId, ConsentScope scope, string? note = null) => Write(() =>
    {
        RequireClient(clientId);
        var active = GetConsents(clientId).FirstOrDefault(c => c.Scope == scope && c.IsActive);
        if (active is not null)
        {
            return active;
        }

        var now = DateTimeOffset.UtcNow;
        long id = Scalar<long>("INSERT INTO consents(client_id, scope, granted_utc, note) VALUES ($c, $s, $t, $n) RETURNING id;",
            ("$c", clientId), ("$s", scope.ToName()), ("$t", FormatInstant(now)), ("$n", note));
        return new ConsentRecord(id, clientId, scope, now, null, note);
    });

    /// <summary>Withdraws an active consent; returns false when there was none.</summary>
    public bool RevokeConsent(long clientId, ConsentScope scope) => Write(() =>
        Execute("UPDATE consents SET revoked_utc = $t WHERE client_id = $c AND scope = $s AND revoked_utc IS NULL;",
            ("$t", FormatInstant(DateTimeOffset.UtcNow)), ("$c", clientId), ("$s", scope.ToName())) > 0);

    /// <summary>All consents of a client, oldest first (withdrawn ones included, for the record).</summary>
    public IReadOnlyList<ConsentRecord> GetConsents(long clientId) => Guard(() =>
        Query("SELECT id, client_id, scope, granted_utc, revoked_utc, note FROM consents WHERE client_id = $c ORDER BY id;",
            r => new ConsentRecord(r.GetInt64(0), r.GetInt64(1), ConsentScopes.Parse(r.GetString(2)), ParseInstant(r.GetString(3)),
                ParseInstantOrNull(r, 4), r.IsDBNull(5) ? null : r.GetString(5)),
            ("$c", clientId)));

    /// <summary>True when the client has an active consent for <paramref name="scope"/>.</summary>
    public bool HasConsent(long clientId, ConsentScope scope) => GetConsents(clientId).Any(c => c.Scope == scope && c.IsActive);

    private void RequireClient(long clientId)
    {
        if (Scalar<long>("SELECT count(*) FROM clients WHERE id = $id;", ("$id", clientId)) == 0)
        {
            throw new StoreException(StoreProblem.NotFound, $"no client with id {clientId} in {DatabasePath}.");
        }
    }
}
