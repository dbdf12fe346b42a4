using System.Text.Json;
using ProgressVision.Analysis;
using ProgressVision.Analysis.Compare;
using ProgressVision.Cli.Json;
using ProgressVision.Imaging;
using ProgressVision.Store;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Clinic;

/// <summary>
/// Analyses every planned pair of a client that has no current result. Each finished pair is
/// committed in its own transaction before the next starts, so a run that is interrupted (Ctrl+C,
/// a crash, a kill) loses at most the pair in progress, and the next run continues from there.
/// A pair that fails (unreadable photo, alignment failure) is reported and the run goes on.
/// </summary>
public static class ClientAnalysisRun
{
    /// <summary>Runs the analysis.</summary>
    /// <param name="store">Open store.</param>
    /// <param name="client">Client.</param>
    /// <param name="analysis">The pair analysis.</param>
    /// <param name="programVersion">Version recorded with each result; results of other versions are redone.</param>
    /// <param name="force">Redo pairs that already have a current result.</param>
    /// <param name="progress">Fraction done and the current pair.</param>
    /// <param name="cancellationToken">Stops between pairs.</param>
    public static AnalyzeJson Run(ClinicStore store, Client client, IPairAnalysis analysis, string programVersion, bool force,
        IProgress<(double Fraction, string Status)>? progress, CancellationToken cancellationToken)
    {
        var plan = store.PlanPairs(client.Id);
        var targets = TargetsJson.ForClient(store, client.Id);
        var outcomes = new List<AnalyzedPairJson>();
        int done = 0, skipped = 0, failed = 0;
        for (int i = 0; i < plan.Count; i++)
        {
            var pair = plan[i];
            progress?.Report(((double)i / Math.Max(1, plan.Count), pair.Label));
            var existing = store.FindAnalysis(pair.Before.Id, pair.After.Id);
            if (!force && existing is not null && existing.ProgramVersion == programVersion && existing.ModelSha256 == analysis.ModelSha256)
            {
                skipped++;
                outcomes.Add(Outcome(pair, "kept", null));
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // Analyse the verified library copies, never the (editable) originals.
                store.Library.ReadVerified(pair.Before.LibraryFile, pair.Before.Sha256);
                store.Library.ReadVerified(pair.After.LibraryFile, pair.After.Sha256);
                // The AFTER photo (taken at its session) shows the healing of the session just before it.
                var lastSession = plan.Where(p => p.AfterSession.Id == pair.AfterSession.Id && p.BeforeSession.Date < pair.AfterSession.Date)
                    .Select(p => p.BeforeSession.Date).DefaultIfEmpty(pair.BeforeSession.Date).Max();
                // Density in dots/cm² is measured in BEFORE's pixels; AFTER's scale follows from the alignment.
                var context = new PairContext(lastSession, pair.AfterSession.Date, pair.BeforeSession.Date, pair.Before.MmPerPx, targets);
                var output = analysis.Analyze(store.Library.Resolve(pair.Before.LibraryFile), store.Library.Resolve(pair.After.LibraryFile), context, cancellationToken);
                string result = JsonSerializer.Serialize(output.Result, CompareResultJsonContext.Default.CompareResult);
                string dots = JsonSerializer.Serialize(new StoredDots(output.BeforeDots, output.AfterDots), StoredDotsJsonContext.Default.StoredDots);
                store.SaveAnalysis(pair.Before.Id, pair.After.Id, result, dots, analysis.ModelSha256, programVersion);
                done++;
                outcomes.Add(Outcome(pair, "analysed", null));
            }
            catch (Exception ex) when (ex is InvalidImageException or UnsupportedImageFeatureException or AlignmentFailedException or PhotoInputException
                                           || (ex is StoreException se && se.Problem is StoreProblem.MissingFile or StoreProblem.Tampered))
            {
                failed++;
                outcomes.Add(Outcome(pair, "failed", ex.Message));
            }
        }

        progress?.Report((1.0, "done"));
        return new AnalyzeJson(client.Name, plan.Count, done, skipped, failed, outcomes);
    }

    private static AnalyzedPairJson Outcome(AnalysisPair p, string outcome, string? error) =>
        new(p.View.Name, p.BeforeSession.Number, p.AfterSession.Number, p.Kind == PairKind.Consecutive ? "consecutive" : "first-to-latest", outcome, error);
}
