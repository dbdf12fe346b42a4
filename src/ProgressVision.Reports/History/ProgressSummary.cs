namespace ProgressVision.Reports.History;

/// <summary>Builds the per-view progress from a client's history.</summary>
public static class ProgressSummary
{
    /// <summary>
    /// Per view, a point per session: the metrics of session n come from the pair whose AFTER is
    /// n (AFTER metrics), or for the first session from the pair whose BEFORE it is. Views in the
    /// standard order, custom views last.
    /// </summary>
    public static IReadOnlyList<ViewProgress> Build(ClientHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var views = history.Sessions.SelectMany(s => s.Photos.Select(p => p.View)).Distinct()
            .OrderBy(ViewOrder).ThenBy(v => v, StringComparer.Ordinal).ToList();
        var result = new List<ViewProgress>();
        foreach (string view in views)
        {
            var pairs = history.Pairs.Where(p => p.View == view).ToList();
            var points = new List<SessionPoint>();
            foreach (var session in history.Sessions.OrderBy(s => s.Number))
            {
                var photo = session.Photos.FirstOrDefault(p => p.View == view);
                if (photo is null)
                {
                    continue;
                }

                // Prefer the consecutive pair ending here (the measure a practitioner compares against the previous visit).
                var asAfter = pairs.Where(p => p.AfterSession == session.Number).OrderByDescending(p => p.BeforeSession).FirstOrDefault();
                var asBefore = pairs.Where(p => p.BeforeSession == session.Number).OrderBy(p => p.AfterSession).FirstOrDefault();
                var metrics = asAfter?.Result.After ?? asBefore?.Result.Before;
                points.Add(new SessionPoint(session.Number, session.Date, photo, metrics, asAfter?.Result.Flags ?? []));
            }

            PairEntry? overall = points.Count >= 2
                ? pairs.FirstOrDefault(p => p.BeforeSession == points[0].Session && p.AfterSession == points[^1].Session)
                : null;
            PairEntry? latest = points.Count >= 2
                ? pairs.Where(p => p.AfterSession == points[^1].Session).OrderByDescending(p => p.BeforeSession).FirstOrDefault()
                : null;
            result.Add(new ViewProgress(view, points, overall, latest));
        }

        return result;
    }

    private static int ViewOrder(string view) => Array.IndexOf(StandardViews, view) is var i and >= 0 ? i : StandardViews.Length;

    private static readonly string[] StandardViews = ["front", "top", "crown", "left", "right"];
}
