using ProgressVision.Store.Model;

namespace ProgressVision.Store.Tests;

public class AnalysisPlanTests
{
    [Fact]
    public void Pairs_AreConsecutivePerView_PlusFirstToLatest_SkippingSessionsWithoutTheView()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        var facts = new PhotoFacts(10, 10, null);
        PhotoImport P(string view, int seed) => new(PhotoView.Parse(view), tmp.Photo($"{view}{seed}.jpg", seed), facts);
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 1, 1)), [P("front", 1), P("crown", 2)]);
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 2, 1)), [P("front", 3)]);
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 3, 1)), [P("front", 5), P("crown", 6)]);

        // Hand-derived: front has sessions 1,2,3 → 1→2, 2→3 and 1→3; crown has 1,3 → 1→3 only.
        var labels = store.PlanPairs(c.Id).Select(p => $"{p.Label} {p.Kind}").ToList();
        Assert.Equal(["front 1→2 Consecutive", "front 2→3 Consecutive", "front 1→3 FirstToLatest", "crown 1→3 Consecutive"], labels);
    }

    [Fact]
    public void SaveAnalysis_ReplacesThePairsPreviousResult()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        var facts = new PhotoFacts(10, 10, null);
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 1, 1)), [new PhotoImport(PhotoView.Parse("front"), tmp.Photo("a.jpg", 1), facts)]);
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 2, 1)), [new PhotoImport(PhotoView.Parse("front"), tmp.Photo("b.jpg", 2), facts)]);
        var pair = Assert.Single(store.PlanPairs(c.Id));
        Assert.Null(store.FindAnalysis(pair.Before.Id, pair.After.Id));
        store.SaveAnalysis(pair.Before.Id, pair.After.Id, "{\"v\":1}", null, null, "0.1.0");
        store.SaveAnalysis(pair.Before.Id, pair.After.Id, "{\"v\":2}", "[]", "abc", "0.2.0");
        var saved = Assert.Single(store.GetAnalyses(c.Id));
        Assert.Equal(("{\"v\":2}", "0.2.0", "abc"), (saved.ResultJson, saved.ProgramVersion, saved.ModelSha256));
    }
}
