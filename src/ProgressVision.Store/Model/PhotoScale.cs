namespace ProgressVision.Store.Model;

/// <summary>
/// The range of photo scales the store accepts. A phone held 10–30 cm from the scalp gives roughly
/// 0.01–0.2 mm per pixel; anything at or beyond 10 mm/px would make a 1 mm pigment dot smaller than a
/// pixel, so such a value is a typing error (e.g. px/mm given instead of mm/px), not a scale.
/// </summary>
public static class PhotoScale
{
    /// <summary>Exclusive upper bound, mm per pixel.</summary>
    public const double MaxMmPerPx = 10;

    /// <summary>Human-readable range for error messages.</summary>
    public const string Range = "expected 0 < mm/px < 10";

    /// <summary>True for a finite scale in (0, <see cref="MaxMmPerPx"/>).</summary>
    public static bool IsPlausible(double mmPerPx) => mmPerPx > 0 && mmPerPx < MaxMmPerPx && double.IsFinite(mmPerPx);
}
