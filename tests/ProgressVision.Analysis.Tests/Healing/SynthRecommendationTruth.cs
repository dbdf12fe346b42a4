using ProgressVision.Analysis.Healing;
using ProgressVision.Synth.Scene;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>What the right next step is for a synthetic pair, and whether the truth is too close to call.</summary>
/// <param name="Action">One of the <see cref="SessionRecommender"/> action names.</param>
/// <param name="CloseCall">Why the truth sits at a threshold (null when every criterion is clear).</param>
/// <param name="Why">The criteria that decided it, for the test log.</param>
public sealed record RecommendationTruth(string Action, string? CloseCall, string Why);

/// <summary>
/// The reference decision for a Synth pair, written from the documented clinic targets
/// (<see cref="ClinicTargets"/>'s XML docs and the action names in the README), not from
/// <see cref="SessionRecommender"/>'s code, and evaluated on the renderer's truth:
/// <list type="number">
/// <item>persistent redness (labelled redness, i.e. a region whose a* rise in the rendered photo is visible, photo at least <see cref="ClinicTargets.RednessWindowDays"/>
/// days after the session) → wait-and-recheck: nobody treats inflamed skin;</item>
/// <item>otherwise, the area needs more pigment (density, coverage, an empty patch, uneven local density,
/// too many earlier dots faded, or a patch of fade, the last two only once fade can be judged) → treat;</item>
/// <item>otherwise a blowout region → assess-correction: more pigment does not fix spread ink;</item>
/// <item>otherwise → complete.</item>
/// </list>
/// A criterion within <see cref="CloseMargin"/> of its threshold makes the case a close call: measurement
/// noise of a few percent may legitimately flip it, so such cases are reported separately.
/// </summary>
internal static class SynthRecommendationTruth
{
    /// <summary>Relative distance to a threshold inside which the truth is too close to call.</summary>
    public const double CloseMargin = 0.1;

    /// <summary>
    /// Redness counts when it raises a* by at least this much over the surrounding healthy skin of the same
    /// photo: about the CIELAB just-noticeable difference (ΔE ≈ 2.3), i.e. erythema a practitioner can see.
    /// </summary>
    public const double VisibleRednessDeltaA = 2.0;

    /// <summary>A rise within this of <see cref="VisibleRednessDeltaA"/> makes the redness a close call.</summary>
    public const double RednessCloseBand = 0.5;

    /// <summary>
    /// Whether <paramref name="region"/> is redness the photo shows too faintly to be labelled (rendered rise under
    /// <see cref="VisibleRednessDeltaA"/>) but within <see cref="RednessCloseBand"/> of that line: a close call here,
    /// a don't-care zone in the region scoring.
    /// </summary>
    public static bool IsFaintCloseCall(HealingTruth region) =>
        region.Kind == "redness" && !region.Visible && region.DeltaAStar is double d && Math.Abs(d - VisibleRednessDeltaA) <= RednessCloseBand;

    /// <summary>The earlier rule's smallest finding: 1024 px² (32×32) of a condition anywhere in the AFTER frame.</summary>
    public const int MinRegionPixels = 1024;

    /// <summary>The reference decision for a pair whose AFTER photo is <paramref name="after"/>.</summary>
    /// <param name="after">Truth of the AFTER photo.</param>
    /// <param name="change">Dot change truth of the pair.</param>
    /// <param name="t">Clinic targets.</param>
    /// <param name="seen">
    /// The pair's judgeable truth regions (<see cref="HealingRegionScore.Regions"/>: in the part of the scalp both photos
    /// show, through the true mapping). When given, a redness, fade or blowout finding needs such a region: a pair
    /// comparison can only judge healing where both photos see the skin (fade is a change between them). Null keeps the
    /// earlier rule, any 1024 px² of the condition anywhere in the AFTER frame, which counted patches outside the
    /// BEFORE photo or cut to slivers by its edge.
    /// </param>
    public static RecommendationTruth Decide(PhotoTruth after, DotChangeTruth change, ClinicTargets t, HealingRegionScore.Truth? seen = null)
    {
        var close = new List<string>();
        var why = new List<string>();
        bool Present(HealingKind kind, int modelClass)
        {
            if (seen is null)
            {
                return after.HealingPixelCounts[(int)kind] >= MinRegionPixels;
            }

            // A sliver of the condition (1024 px² or more, the earlier rule's finding, but too thin to judge) and
            // nothing judgeable: the scoring's don't-care zone, so either decision is acceptable.
            if (seen.Regions[modelClass].Count == 0 && seen.DontCare[modelClass].Any(r => r.Area >= MinRegionPixels))
            {
                close.Add($"{HealingFlagTypes.ModelClasses[modelClass]} only as a sliver too thin to judge");
            }

            return seen.Regions[modelClass].Count > 0;
        }

        int days = after.DaysSincePreviousSession;
        var m = after.Metrics;

        void Check(string name, double value, double limit, bool needsPigmentWhenAbove)
        {
            bool over = value > limit;
            if (over == needsPigmentWhenAbove)
            {
                why.Add($"{name} {value:0.###} vs {limit:0.###}");
            }

            if (Math.Abs(value - limit) <= CloseMargin * limit)
            {
                close.Add($"{name} {value:0.###} ~ {limit:0.###}");
            }
        }

        int before = why.Count;
        Check("density", m.DensityPerCm2, t.TargetDensityPerCm2, needsPigmentWhenAbove: false);
        Check("coverage", m.Coverage, t.TargetCoverage, needsPigmentWhenAbove: false);
        Check("localCv", m.LocalDensityCv, t.MaxLocalDensityCv, needsPigmentWhenAbove: true);
        foreach (var gap in after.GapPolygons)
        {
            var inFrame = Clipped(gap, after.Width, after.Height);
            double mm2 = Area(inFrame) * after.MmPerPx * after.MmPerPx;
            if (mm2 > 0)
            {
                Check("gap mm²", mm2, t.MaxGapAreaMm2, needsPigmentWhenAbove: true);
            }

            // A hole the frame cuts to a strip narrower than the disc of the limit's area: the photo shows an empty
            // band along its edge, which is what a lane between clumps looks like too, so no measurement of this photo
            // can say which it is (the documented rule: an empty patch over the limit must be that wide somewhere).
            // A close call, like a healing region the frame cuts to a sliver.
            double discMm = 2 * Math.Sqrt(t.MaxGapAreaMm2 / Math.PI);
            if (mm2 > t.MaxGapAreaMm2 && RunsOffFrame(gap, after.Width, after.Height))
            {
                double widthMm = InscribedDiameter(inFrame) * after.MmPerPx;
                if (widthMm < discMm)
                {
                    close.Add($"gap cut by the frame to {widthMm:0.0} mm across");
                }
            }
        }

        bool judgeFade = days >= t.MinDaysToJudgeFade;
        int earlier = change.Retained + change.Faded + change.Lost;
        if (judgeFade && earlier > 0)
        {
            Check("faded fraction", (change.Faded + change.Lost) / (double)earlier, t.MaxFadedFraction, needsPigmentWhenAbove: true);
        }

        bool fadePatch = judgeFade && Present(HealingKind.PatchyFade, HealingFlagTypes.ClassIndex(HealingFlagTypes.PatchyFade));
        if (fadePatch)
        {
            why.Add("patchy fade region");
        }

        bool treat = why.Count > before;
        bool blowout = Present(HealingKind.Blowout, HealingFlagTypes.ClassIndex(HealingFlagTypes.Blowout));
        bool redness = false;
        if (days >= t.RednessWindowDays)
        {
            // Labelled redness is visible redness: Synth labels a region only when its rendered a* rise (each region's
            // DeltaAStar, measured on the rendered photo) reaches VisibleRednessDeltaA. The strongest labelled region is
            // what a practitioner sees; when even it sits within the band of the line, the case is a close call. A
            // fainter region the photo shows is healthy in the masks but, within the band, also makes it a close call.
            if (Present(HealingKind.Redness, HealingFlagTypes.ClassIndex(HealingFlagTypes.Redness)))
            {
                double da = after.Healing.Where(h => h.Kind == "redness" && h.Visible).Select(h => h.DeltaAStar ?? 0).DefaultIfEmpty(0).Max();
                redness = true;
                if (da - VisibleRednessDeltaA <= RednessCloseBand)
                {
                    close.Add($"redness Δa* {da:0.0}");
                }

                why.Add($"redness Δa* {da:0.0}");
            }

            foreach (var faint in after.Healing.Where(IsFaintCloseCall))
            {
                close.Add($"faint redness Δa* {faint.DeltaAStar:0.0}");
            }
        }

        if (blowout)
        {
            why.Add("blowout region");
        }

        string action = redness ? SessionRecommender.ActionWait
            : treat ? SessionRecommender.ActionTreat
            : blowout ? SessionRecommender.ActionCorrect
            : SessionRecommender.ActionComplete;
        return new RecommendationTruth(action, close.Count == 0 ? null : string.Join("; ", close), string.Join("; ", why));
    }

    // The polygon clipped to the image rectangle (Sutherland–Hodgman against its 4 edges): only the part of an empty
    // patch inside the photo can be measured.
    private static List<(double X, double Y)> Clipped(double[] polygon, int width, int height)
    {
        var pts = new List<(double X, double Y)>();
        for (int i = 0; i + 1 < polygon.Length; i += 2)
        {
            pts.Add((polygon[i], polygon[i + 1]));
        }

        pts = Clip(pts, p => p.X >= -0.5, (a, b) => Cross(a, b, -0.5, true));
        pts = Clip(pts, p => p.X <= width - 0.5, (a, b) => Cross(a, b, width - 0.5, true));
        pts = Clip(pts, p => p.Y >= -0.5, (a, b) => Cross(a, b, -0.5, false));
        return Clip(pts, p => p.Y <= height - 0.5, (a, b) => Cross(a, b, height - 0.5, false));
    }

    // Whether any vertex of the polygon lies outside the image rectangle.
    private static bool RunsOffFrame(double[] polygon, int width, int height)
    {
        for (int i = 0; i + 1 < polygon.Length; i += 2)
        {
            if (polygon[i] < -0.5 || polygon[i] > width - 0.5 || polygon[i + 1] < -0.5 || polygon[i + 1] > height - 0.5)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Diameter of the largest disc inside a simple polygon, px: the largest distance from a point inside it to its
    /// outline, searched on the whole-pixel grid (to within a pixel; the frame-cut strips it is used for are tens of
    /// pixels across).
    /// </summary>
    internal static double InscribedDiameter(IReadOnlyList<(double X, double Y)> pts)
    {
        if (pts.Count < 3)
        {
            return 0;
        }

        double best = 0;
        int x0 = (int)Math.Floor(pts.Min(p => p.X)), x1 = (int)Math.Ceiling(pts.Max(p => p.X));
        int y0 = (int)Math.Floor(pts.Min(p => p.Y)), y1 = (int)Math.Ceiling(pts.Max(p => p.Y));
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                // Even-odd rule, then the distance to the nearest edge segment.
                bool inside = false;
                double d = double.MaxValue;
                for (int i = 0, j = pts.Count - 1; i < pts.Count; j = i++)
                {
                    var (ax, ay) = pts[j];
                    var (bx, by) = pts[i];
                    if ((ay > y) != (by > y) && x < ax + ((y - ay) * (bx - ax) / (by - ay)))
                    {
                        inside = !inside;
                    }

                    double ex = bx - ax, ey = by - ay, len2 = (ex * ex) + (ey * ey);
                    double u = len2 == 0 ? 0 : Math.Clamp((((x - ax) * ex) + ((y - ay) * ey)) / len2, 0, 1);
                    double dx = x - (ax + (u * ex)), dy = y - (ay + (u * ey));
                    d = Math.Min(d, (dx * dx) + (dy * dy));
                }

                if (inside)
                {
                    best = Math.Max(best, Math.Sqrt(d));
                }
            }
        }

        return 2 * best;
    }

    // Shoelace area of a polygon.
    private static double Area(List<(double X, double Y)> pts)
    {
        double area = 0;
        for (int i = 0; i < pts.Count; i++)
        {
            var (x0, y0) = pts[i];
            var (x1, y1) = pts[(i + 1) % pts.Count];
            area += (x0 * y1) - (x1 * y0);
        }

        return Math.Abs(area) / 2;
    }

    private static List<(double X, double Y)> Clip(List<(double X, double Y)> pts, Func<(double X, double Y), bool> inside, Func<(double X, double Y), (double X, double Y), (double X, double Y)> cross)
    {
        var result = new List<(double X, double Y)>();
        for (int i = 0; i < pts.Count; i++)
        {
            var cur = pts[i];
            var prev = pts[(i + pts.Count - 1) % pts.Count];
            if (inside(cur))
            {
                if (!inside(prev))
                {
                    result.Add(cross(prev, cur));
                }

                result.Add(cur);
            }
            else if (inside(prev))
            {
                result.Add(cross(prev, cur));
            }
        }

        return result;
    }

    private static (double X, double Y) Cross((double X, double Y) a, (double X, double Y) b, double at, bool vertical)
    {
        double t = vertical ? (at - a.X) / (b.X - a.X) : (at - a.Y) / (b.Y - a.Y);
        return (a.X + (t * (b.X - a.X)), a.Y + (t * (b.Y - a.Y)));
    }
}
