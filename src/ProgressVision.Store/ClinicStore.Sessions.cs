using System.Globalization;
using Microsoft.Data.Sqlite;
using ProgressVision.Store.Model;

namespace ProgressVision.Store;

public sealed partial class ClinicStore
{
    private const string SessionColumns = "id, client_id, number, date, practitioner, notes, pigment";
    private const string PhotoColumns = "p.id, p.session_id, p.view, p.sha256, p.original_path, p.library_file, p.width, p.height, p.capture_date, p.imported_utc, p.mm_per_px";

    /// <summary>
    /// Adds a session with its photos in one transaction: the photos are hashed, copied into the
    /// library and recorded, and sessions are renumbered in date order. Either everything is stored
    /// or nothing is (library files created by a failed call are removed again).
    /// </summary>
    /// <exception cref="StoreException">Unknown client, missing file, duplicate photo or view.</exception>
    public TreatmentSession AddSession(long clientId, SessionDraft draft, IReadOnlyList<PhotoImport> photos)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(photos);
        var views = new HashSet<string>();
        foreach (var p in photos)
        {
            if (!views.Add(p.View.Name))
            {
                throw new StoreException(StoreProblem.Invalid, $"two photos for view '{p.View}' in one session.");
            }

            if (p.MmPerPx is double scale && !PhotoScale.IsPlausible(scale))
            {
                throw new StoreException(StoreProblem.Invalid, $"{p.SourcePath}: scale {scale.ToString(CultureInfo.InvariantCulture)} mm/px is not plausible ({PhotoScale.Range}).");
            }
        }

        // Read and hash before taking the write lock: file I/O should not hold other programs up.
        var loaded = photos.Select(p => (Import: p, File: PhotoLibrary.ReadAndHash(p.SourcePath))).ToList();
        var sameFile = loaded.GroupBy(l => l.File.Sha256).FirstOrDefault(g => g.Count() > 1);
        if (sameFile is not null)
        {
            throw new StoreException(StoreProblem.Duplicate,
                $"{string.Join(" and ", sameFile.Select(l => l.Import.SourcePath))}: the same photo (SHA-256 {sameFile.Key}) given twice.");
        }

        var created = new List<string>();
        try
        {
            return Write(() =>
            {
                RequireClient(clientId);
                foreach (var (import, file) in loaded)
                {
                    var owner = Query("SELECT c.name, s.number, p.view FROM photos p JOIN sessions s ON s.id = p.session_id JOIN clients c ON c.id = s.client_id WHERE p.sha256 = $h;",
                        r => $"client '{r.GetString(0)}', session {r.GetInt32(1)}, view {r.GetString(2)}", ("$h", file.Sha256)).FirstOrDefault();
                    if (owner is not null)
                    {
                        throw new StoreException(StoreProblem.Duplicate,
                            $"{import.SourcePath}: this photo (SHA-256 {file.Sha256}) is already stored as {owner}.");
                    }
                }

                long sessionId = Scalar<long>("INSERT INTO sessions(client_id, number, date, practitioner, notes, pigment) VALUES ($c, $n, $d, $p, $notes, $pig) RETURNING id;",
                    ("$c", clientId), ("$n", int.MaxValue), ("$d", FormatDate(draft.Date)), ("$p", draft.Practitioner), ("$notes", draft.Notes), ("$pig", draft.Pigment));
                var now = DateTimeOffset.UtcNow;
                foreach (var (import, file) in loaded)
                {
                    var (libraryFile, isNew) = Library.Add(file.Bytes, file.Sha256, import.SourcePath);
                    if (isNew)
                    {
                        created.Add(libraryFile);
                    }

                    Execute("INSERT INTO photos(session_id, view, sha256, original_path, library_file, width, height, capture_date, imported_utc, mm_per_px) VALUES ($s, $v, $h, $o, $l, $w, $ht, $cd, $t, $mm);",
                        ("$s", sessionId), ("$v", import.View.Name), ("$h", file.Sha256), ("$o", Path.GetFullPath(import.SourcePath)), ("$l", libraryFile),
                        ("$w", import.Facts.Width), ("$ht", import.Facts.Height),
                        ("$cd", import.Facts.CaptureDate is { } cd ? cd.ToString("O", CultureInfo.InvariantCulture) : null), ("$t", FormatInstant(now)), ("$mm", import.MmPerPx));
                }

                RenumberSessions(clientId);
                return GetSessions(clientId).Single(s => s.Id == sessionId);
            });
        }
        catch
        {
            foreach (var file in created)
            {
                Library.Remove(file);
            }

            throw;
        }
    }

    /// <summary>The stored photo with this SHA-256, or null.</summary>
    public PhotoRecord? FindPhotoBySha256(string sha256) => Guard(() =>
        Query($"SELECT {PhotoColumns} FROM photos p WHERE p.sha256 = $h;", ReadPhoto, ("$h", sha256)).FirstOrDefault());

    /// <summary>Sessions of a client, by number (date order).</summary>
    public IReadOnlyList<TreatmentSession> GetSessions(long clientId) => Guard(() =>
        Query($"SELECT {SessionColumns} FROM sessions WHERE client_id = $c ORDER BY number;", ReadSession, ("$c", clientId)));

    /// <summary>All photos of a client's sessions, by session number and view.</summary>
    public IReadOnlyList<PhotoRecord> GetPhotos(long clientId) => Guard(() =>
        Query($"SELECT {PhotoColumns} FROM photos p JOIN sessions s ON s.id = p.session_id WHERE s.client_id = $c ORDER BY s.number, p.view;", ReadPhoto, ("$c", clientId)));

    // Numbers follow the session dates (ties keep insertion order). Two passes because of UNIQUE(client_id, number).
    private void RenumberSessions(long clientId)
    {
        Execute("UPDATE sessions SET number = 1000000000 + id WHERE client_id = $c;", ("$c", clientId));
        Execute("""
            UPDATE sessions SET number = (
                SELECT count(*) FROM sessions o
                WHERE o.client_id = sessions.client_id AND (o.date < sessions.date OR (o.date = sessions.date AND o.id <= sessions.id)))
            WHERE client_id = $c;
            """, ("$c", clientId));
    }

    private static TreatmentSession ReadSession(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6));

    private static PhotoRecord ReadPhoto(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), PhotoView.Parse(r.GetString(2)), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetInt32(6), r.GetInt32(7), r.IsDBNull(8) ? null : DateTimeOffset.Parse(r.GetString(8), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        ParseInstant(r.GetString(9)), r.IsDBNull(10) ? null : r.GetDouble(10));

    private static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
