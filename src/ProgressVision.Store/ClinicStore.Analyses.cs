using Microsoft.Data.Sqlite;
using ProgressVision.Store.Model;

namespace ProgressVision.Store;

public sealed partial class ClinicStore
{
    private const string AnalysisColumns = "a.id, a.before_photo_id, a.after_photo_id, a.result_json, a.dots_json, a.model_sha256, a.program_version, a.created_utc";

    /// <summary>
    /// The pairs <c>analyze</c> compares for a client: per view, every consecutive pair of sessions
    /// that both have a photo of the view, plus first-to-latest when that is not already consecutive.
    /// </summary>
    public IReadOnlyList<AnalysisPair> PlanPairs(long clientId)
    {
        var sessions = GetSessions(clientId).ToDictionary(s => s.Id);
        var pairs = new List<AnalysisPair>();
        foreach (var byView in GetPhotos(clientId).GroupBy(p => p.View).OrderBy(g => g.Key.Order).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var series = byView.OrderBy(p => sessions[p.SessionId].Number).ToList();
            for (int i = 1; i < series.Count; i++)
            {
                pairs.Add(new AnalysisPair(byView.Key, PairKind.Consecutive, sessions[series[i - 1].SessionId], series[i - 1], sessions[series[i].SessionId], series[i]));
            }

            if (series.Count >= 3)
            {
                pairs.Add(new AnalysisPair(byView.Key, PairKind.FirstToLatest, sessions[series[0].SessionId], series[0], sessions[series[^1].SessionId], series[^1]));
            }
        }

        return pairs;
    }

    /// <summary>
    /// Stores (or replaces) the analysis of one pair in its own transaction, so an interrupted
    /// <c>analyze</c> keeps every pair it finished.
    /// </summary>
    public AnalysisRecord SaveAnalysis(long beforePhotoId, long afterPhotoId, string resultJson, string? dotsJson, string? modelSha256, string programVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultJson);
        ArgumentException.ThrowIfNullOrEmpty(programVersion);
        return Write(() =>
        {
            var now = DateTimeOffset.UtcNow;
            long id = Scalar<long>("""
                INSERT INTO analyses(before_photo_id, after_photo_id, result_json, dots_json, model_sha256, program_version, created_utc)
                VALUES ($b, $a, $r, $d, $m, $v, $t)
                ON CONFLICT(before_photo_id, after_photo_id) DO UPDATE SET
                    result_json = excluded.result_json, dots_json = excluded.dots_json, model_sha256 = excluded.model_sha256,
                    program_version = excluded.program_version, created_utc = excluded.created_utc
                RETURNING id;
                """,
                ("$b", beforePhotoId), ("$a", afterPhotoId), ("$r", resultJson), ("$d", dotsJson), ("$m", modelSha256), ("$v", programVersion), ("$t", FormatInstant(now)));
            return new AnalysisRecord(id, beforePhotoId, afterPhotoId, resultJson, dotsJson, modelSha256, programVersion, now);
        });
    }

    /// <summary>The stored analysis of a pair, or null.</summary>
    public AnalysisRecord? FindAnalysis(long beforePhotoId, long afterPhotoId) => Guard(() =>
        Query($"SELECT {AnalysisColumns} FROM analyses a WHERE a.before_photo_id = $b AND a.after_photo_id = $a;", ReadAnalysis,
            ("$b", beforePhotoId), ("$a", afterPhotoId)).FirstOrDefault());

    /// <summary>All stored analyses of a client's photos.</summary>
    public IReadOnlyList<AnalysisRecord> GetAnalyses(long clientId) => Guard(() =>
        Query($"""
            SELECT {AnalysisColumns} FROM analyses a
            JOIN photos p ON p.id = a.before_photo_id JOIN sessions s ON s.id = p.session_id
            WHERE s.client_id = $c ORDER BY a.id;
            """, ReadAnalysis, ("$c", clientId)));

    private static AnalysisRecord ReadAnalysis(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), ParseInstant(r.GetString(7)));
}
