namespace ProgressVision.Store;

public sealed partial class ClinicStore
{
    private const string TargetsKey = "targets";

    /// <summary>The clinic's targets as stored (a JSON document), or null when the clinic uses the defaults.</summary>
    public string? GetClinicTargetsJson() => Guard(() =>
        Query("SELECT value FROM settings WHERE key = $k;", r => r.GetString(0), ("$k", TargetsKey)).FirstOrDefault());

    /// <summary>Stores the clinic's targets (a JSON document the caller has validated), or removes them with null.</summary>
    public void SetClinicTargetsJson(string? json) => Write(() =>
    {
        if (json is null)
        {
            Execute("DELETE FROM settings WHERE key = $k;", ("$k", TargetsKey));
        }
        else
        {
            Execute("INSERT INTO settings(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value;", ("$k", TargetsKey), ("$v", json));
        }

        return 0;
    });

    /// <summary>The client's own density target in dots/cm² (e.g. native follicle density), or null for the clinic's.</summary>
    public double? GetClientTargetDensity(long clientId) => Guard(() =>
        Query("SELECT target_density_per_cm2 FROM clients WHERE id = $id;", r => r.IsDBNull(0) ? (double?)null : r.GetDouble(0), ("$id", clientId)).FirstOrDefault());

    /// <summary>Sets or (with null) clears the client's own density target.</summary>
    /// <exception cref="StoreException">The value is outside (0, 1000] dots/cm² (<see cref="StoreProblem.Invalid"/>).</exception>
    public void SetClientTargetDensity(long clientId, double? densityPerCm2)
    {
        if (densityPerCm2 is double d && !(d is > 0 and <= 1000))
        {
            throw new StoreException(StoreProblem.Invalid, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"a density target of {d} dots/cm² is not plausible (0 < target ≤ 1000)."));
        }

        Write(() =>
        {
            Execute("UPDATE clients SET target_density_per_cm2 = $d WHERE id = $id;", ("$d", densityPerCm2), ("$id", clientId));
            return 0;
        });
    }
}
