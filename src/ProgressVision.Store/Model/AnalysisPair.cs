namespace ProgressVision.Store.Model;

/// <summary>A BEFORE/AFTER pair of photos of one view that <c>analyze</c> compares.</summary>
/// <param name="View">Scalp area.</param>
/// <param name="Kind">Consecutive sessions, or first to latest (only listed separately when they differ).</param>
/// <param name="BeforeSession">Earlier session.</param>
/// <param name="Before">Its photo of <paramref name="View"/>.</param>
/// <param name="AfterSession">Later session.</param>
/// <param name="After">Its photo of <paramref name="View"/>.</param>
public sealed record AnalysisPair(PhotoView View, PairKind Kind, TreatmentSession BeforeSession, PhotoRecord Before, TreatmentSession AfterSession, PhotoRecord After)
{
    /// <summary>Short label, e.g. <c>front 1→2</c>.</summary>
    public string Label => $"{View} {BeforeSession.Number}→{AfterSession.Number}";
}
