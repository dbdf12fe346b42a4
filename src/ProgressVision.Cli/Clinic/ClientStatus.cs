using ProgressVision.Cli.Json;
using ProgressVision.Reports.History;
using ProgressVision.Store;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Clinic;

/// <summary>Builds <c>status</c>: per view, the measures at each session, the trend and the current recommendation.</summary>
public static class ClientStatus
{
    /// <summary>Status of <paramref name="client"/> as of <paramref name="asOf"/>.</summary>
    public static StatusJson Build(ClinicStore store, Client client, DateOnly asOf)
    {
        var history = ClinicMapping.History(store, client);
        var planned = store.PlanPairs(client.Id);
        var analysed = store.GetAnalyses(client.Id).Select(a => (a.BeforePhotoId, a.AfterPhotoId)).ToHashSet();
        var views = ProgressSummary.Build(history).Select(v =>
        {
            var pairs = planned.Where(p => p.View.Name == v.View).ToList();
            var sessions = v.Points.Select(p => new SessionStatusJson(p.Session, p.Date, asOf.DayNumber - p.Date.DayNumber,
                p.Metrics?.Coverage, p.Density, p.DensityUnit, p.Metrics?.Uniformity.NnCv, p.Metrics?.Uniformity.ClarkEvansR, p.Metrics?.DotCount,
                p.Flags.Select(f => f.Type).ToList())).ToList();
            return new ViewStatusJson(v.View, sessions, v.CoverageChange, v.DensityChange, v.Latest?.Result.Recommendation,
                pairs.Count(p => analysed.Contains((p.Before.Id, p.After.Id))), pairs.Count);
        }).ToList();
        return new StatusJson(ClinicMapping.ToJson(store, client), asOf, views);
    }
}
