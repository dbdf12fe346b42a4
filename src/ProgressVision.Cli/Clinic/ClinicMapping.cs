using System.Text.Json;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using ProgressVision.Cli.Commands;
using ProgressVision.Cli.Json;
using ProgressVision.Reports.History;
using ProgressVision.Store;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Clinic;

/// <summary>Reads a client's records from the store into JSON and report models.</summary>
public static class ClinicMapping
{
    /// <summary>Client summary.</summary>
    public static ClientJson ToJson(ClinicStore store, Client c) => new(c.Id, c.Name, c.Notes, c.CreatedUtc, store.GetSessions(c.Id).Count);

    /// <summary>Everything about one client (<c>export</c>).</summary>
    public static ClientExportJson Export(ClinicStore store, Client client)
    {
        var sessions = store.GetSessions(client.Id);
        var photos = store.GetPhotos(client.Id);
        var photoById = photos.ToDictionary(p => p.Id);
        var sessionById = sessions.ToDictionary(s => s.Id);
        var sessionJson = sessions.Select(s => new SessionJson(s.Number, s.Date, s.Practitioner, s.Notes, s.Pigment,
            photos.Where(p => p.SessionId == s.Id).OrderBy(p => p.View.Order).Select(p => new PhotoJson(p.View.Name, p.Sha256, p.OriginalPath, p.LibraryFile, p.Width, p.Height, p.CaptureDate, p.MmPerPx)).ToList())).ToList();
        var targets = TargetsJson.ForClient(store, client.Id);
        var analyses = store.GetAnalyses(client.Id).Select(a =>
        {
            var before = photoById[a.BeforePhotoId];
            var after = photoById[a.AfterPhotoId];
            return new AnalysisJson(before.View.Name, sessionById[before.SessionId].Number, sessionById[after.SessionId].Number, before.Sha256, after.Sha256,
                a.ProgramVersion, a.ModelSha256, a.CreatedUtc, ParseResult(store, a, targets));
        }).OrderBy(a => a.View, StringComparer.Ordinal).ThenBy(a => a.BeforeSession).ThenBy(a => a.AfterSession).ToList();
        var consents = store.GetConsents(client.Id).Select(c => new ConsentJson(c.Scope.ToName(), c.GrantedUtc, c.RevokedUtc, c.Note)).ToList();
        return new ClientExportJson(1, VersionInfo.Current, ToJson(store, client), consents, sessionJson, analyses);
    }

    /// <summary>The client's history as the report model (photos point at the verified library copies).</summary>
    public static ClientHistory History(ClinicStore store, Client client)
    {
        var sessions = store.GetSessions(client.Id);
        var photos = store.GetPhotos(client.Id);
        var photoById = photos.ToDictionary(p => p.Id);
        var sessionById = sessions.ToDictionary(s => s.Id);
        PhotoEntry Entry(PhotoRecord p) => new(p.View.Name, p.Sha256, store.Library.Resolve(p.LibraryFile), p.CaptureDate, p.Width, p.Height);
        var targets = TargetsJson.ForClient(store, client.Id);
        var pairs = store.GetAnalyses(client.Id).Select(a =>
        {
            var before = photoById[a.BeforePhotoId];
            var after = photoById[a.AfterPhotoId];
            var dots = a.DotsJson is null ? null : JsonSerializer.Deserialize(a.DotsJson, StoredDotsJsonContext.Default.StoredDots);
            return new PairEntry(before.View.Name, sessionById[before.SessionId].Number, sessionById[after.SessionId].Number, ParseResult(store, a, targets),
                dots?.Before ?? [], dots?.After ?? []);
        }).ToList();
        return new ClientHistory
        {
            ClientId = client.Id,
            ClientName = client.Name,
            ClientNotes = client.Notes,
            Sessions = sessions.Select(s => new SessionEntry(s.Number, s.Date, s.Practitioner, s.Notes, s.Pigment,
                photos.Where(p => p.SessionId == s.Id).Select(Entry).ToList())).ToList(),
            Pairs = pairs,
            Consents = store.GetConsents(client.Id).Where(c => c.IsActive).Select(c => c.Scope.ToName()).ToList(),
        };
    }

    // A stored result with its recommendation judged again under the targets in force now: the
    // measurements are the photos' and do not change, the judgement follows the clinic's targets.
    private static CompareResult ParseResult(ClinicStore store, AnalysisRecord a, ClinicTargets targets)
    {
        try
        {
            var stored = JsonSerializer.Deserialize(a.ResultJson, CompareResultJsonContext.Default.CompareResult)
                         ?? throw new JsonException("null result");
            return stored.Recommendation.Targets == targets ? stored : stored with { Recommendation = SessionRecommender.Recommend(stored, targets) };
        }
        catch (JsonException ex)
        {
            throw new StoreException(StoreProblem.Corrupt, $"{store.DatabasePath}: stored analysis {a.Id} is not a valid result ({ex.Message}); run `analyze --force` to redo it.", ex);
        }
    }
}
