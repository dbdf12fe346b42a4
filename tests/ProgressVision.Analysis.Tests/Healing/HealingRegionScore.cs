using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Morphology;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// Healing flags of a synthetic pair scored region by region against the renderer's truth: the AFTER photo's
/// healing labels seen in BEFORE pixels through the TRUE mapping, one connected component of a class per region.
/// A region is judgeable when it holds a 33×33 BEFORE-pixel square inside the frame (1.6 mm, a quarter of a model
/// tile across): a thinner sliver, such as a patch cut by the frame edge to a strip 17–30 px wide, or a speck, is
/// below what a 6.4 mm tile (or a practitioner looking at the photo's edge) can judge. A judgeable region overlapped by
/// a flag of its class is a hit, else a miss; a flag overlapping no region of its class is a false alarm, except that
/// a flag over an unjudgeable region of its class is neither (a "don't care" zone, as detection benchmarks treat
/// objects below their resolution). Redness the truth calls faint (a* rise under the visibility line of 2) but within
/// <see cref="SynthRecommendationTruth.RednessCloseBand"/> of it is a don't-care zone too, as the recommendation truth
/// calls it a close call: the line is drawn on the region's mean rise, a flag on its reddest part, and 0.5 a* is
/// below what either can tell apart. <see cref="Truth.AreaOnly"/> holds the same pair under the earlier rule (any
/// component of at least 1024 px² counts, no don't-care zones) and <see cref="Truth.WithoutCloseBand"/> without the
/// faint-redness zones, so figures can be compared across both changes.
/// </summary>
internal static class HealingRegionScore
{
    /// <summary>Smallest truth region of the earlier area-only rule, BEFORE px² (32×32).</summary>
    public const int MinRegionPixels = 1024;

    /// <summary>Half the side of the square a judgeable region must hold (side 2·16+1 = 33 BEFORE px).</summary>
    public const int JudgeableHalfSide = 16;

    /// <summary>Per-class counts (index = model class; 0, healthy, unused) and whether the pair has no region at all.</summary>
    public sealed record Counts(int[] Tp, int[] Fp, int[] Fn, bool Clean)
    {
        /// <summary>Sums counts over pairs.</summary>
        public static (int Tp, int Fp, int Fn, double F1) Total(IEnumerable<Counts> all, int k)
        {
            var list = all.ToList();
            int tp = list.Sum(c => c.Tp[k]), fp = list.Sum(c => c.Fp[k]), fn = list.Sum(c => c.Fn[k]);
            return (tp, fp, fn, tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn));
        }
    }

    /// <summary>One truth region: its bounding box and area in BEFORE pixels.</summary>
    public readonly record struct Region(int X, int Y, int W, int H, int Area);

    /// <summary>A pair's truth regions per model class (index 0, healthy, empty) and its don't-care zones.</summary>
    public sealed record Truth(IReadOnlyList<Region>[] Regions, IReadOnlyList<Region>[] DontCare)
    {
        /// <summary>Whether the pair has no healing region at all.</summary>
        public bool Clean => Regions.All(r => r.Count == 0);

        /// <summary>
        /// The same pair's regions under the earlier area-only rule (components of at least <see cref="MinRegionPixels"/>
        /// px², no don't-care zones), found from the same labelling; null on that truth itself.
        /// </summary>
        public Truth? AreaOnly { get; init; }

        /// <summary>The same pair without the faint close-band redness zones (the rule before them); null on that truth itself.</summary>
        public Truth? WithoutCloseBand { get; init; }
    }

    /// <summary>Scores <paramref name="flags"/> against truth regions found once by <see cref="Regions"/>.</summary>
    public static Counts Score(Truth truth, IReadOnlyList<HealingFlag> flags)
    {
        int n = HealingFlagTypes.ModelClasses.Count;
        var tp = new int[n];
        var fp = new int[n];
        var fn = new int[n];
        for (int k = 1; k < n; k++)
        {
            var regions = truth.Regions[k];
            var ofClass = flags.Where(f => f.Type == HealingFlagTypes.ModelClasses[k]).ToList();
            foreach (var r in regions)
            {
                bool hit = ofClass.Any(f => Overlap(f.Box, r.X, r.Y, r.W, r.H));
                tp[k] += hit ? 1 : 0;
                fn[k] += hit ? 0 : 1;
            }

            fp[k] += ofClass.Count(f => !regions.Concat(truth.DontCare[k]).Any(r => Overlap(f.Box, r.X, r.Y, r.W, r.H)));
        }

        return new Counts(tp, fp, fn, truth.Clean);
    }

    /// <summary>
    /// The truth regions of <paramref name="pair"/>: one connected component of a class per region, judgeable or
    /// don't-care, with the area-only rule's regions from the same components (<see cref="Truth.AreaOnly"/>).
    /// </summary>
    public static Truth Regions(SynthPair pair)
    {
        var before = pair.Before.Rgb;
        int n = HealingFlagTypes.ModelClasses.Count;
        var regions = new IReadOnlyList<Region>[n];
        var dontCare = new IReadOnlyList<Region>[n];
        var areaOnly = new IReadOnlyList<Region>[n];
        regions[0] = dontCare[0] = areaOnly[0] = [];
        // AFTER healing label of every BEFORE pixel (through the true mapping), computed once for all classes.
        using var labelOnBefore = new PixelBuffer<byte>(before.Width, before.Height, 1);
        for (int y = 0; y < before.Height; y++)
        {
            for (int x = 0; x < before.Width; x++)
            {
                var (ax, ay) = pair.MapBeforeToAfter(x, y);
                int ix = (int)Math.Round(ax), iy = (int)Math.Round(ay);
                if ((uint)ix < (uint)pair.After.Rgb.Width && (uint)iy < (uint)pair.After.Rgb.Height)
                {
                    labelOnBefore[x, y] = pair.After.Masks.Healing[ix, iy];
                }
            }
        }

        for (int k = 1; k < n; k++)
        {
            using var mask = new PixelBuffer<byte>(before.Width, before.Height, 1);
            var labels0 = labelOnBefore.Span;
            var maskSpan = mask.Span;
            for (int i = 0; i < maskSpan.Length; i++)
            {
                maskSpan[i] = labels0[i] == k ? (byte)255 : (byte)0;
            }

            var (labels, stats) = ConnectedComponents.LabelWithStats(mask);
            using (labels)
            {
                var all = stats.Select(c => new Region(c.Left, c.Top, c.Width, c.Height, c.Area)).ToList();
                areaOnly[k] = all.Where(r => r.Area >= MinRegionPixels).ToList();
                var judgeable = Judgeable(mask, labels, stats.Length);
                regions[k] = all.Where((_, i) => judgeable[i]).ToList();
                dontCare[k] = all.Where((_, i) => !judgeable[i]).ToList();
            }
        }

        var none = Enumerable.Range(0, n).Select(_ => (IReadOnlyList<Region>)[]).ToArray();
        var withBand = (IReadOnlyList<Region>[])dontCare.Clone();
        int red = HealingFlagTypes.ClassIndex(HealingFlagTypes.Redness);
        withBand[red] = [.. dontCare[red], .. FaintCloseBandRedness(pair.Truth.After.Healing, pair.MapAfterToBefore, before.Width, before.Height)];
        return new Truth(regions, withBand) { AreaOnly = new Truth(areaOnly, none), WithoutCloseBand = new Truth(regions, dontCare) };
    }

    // Boxes (BEFORE px, clipped to the frame) of the AFTER photo's faint redness regions within the close band of the
    // visibility line. The masks drop faint regions, so their outlines come from the truth polygons (AFTER px), mapped
    // vertex by vertex through the true mapping.
    internal static IEnumerable<Region> FaintCloseBandRedness(IReadOnlyList<HealingTruth> after, Func<double, double, (double X, double Y)> afterToBefore, int w, int h)
    {
        foreach (var r in after.Where(SynthRecommendationTruth.IsFaintCloseCall))
        {
            double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
            for (int i = 0; i < r.Polygon.Length; i += 2)
            {
                var (bx, by) = afterToBefore(r.Polygon[i], r.Polygon[i + 1]);
                (x0, y0, x1, y1) = (Math.Min(x0, bx), Math.Min(y0, by), Math.Max(x1, bx), Math.Max(y1, by));
            }

            int left = (int)Math.Max(0, Math.Floor(x0)), top = (int)Math.Max(0, Math.Floor(y0));
            int right = (int)Math.Min(w, Math.Ceiling(x1)), bottom = (int)Math.Min(h, Math.Ceiling(y1));
            if (right > left && bottom > top)
            {
                yield return new Region(left, top, right - left, bottom - top, 0);
            }
        }
    }

    // Which components hold a (2h+1)² square inside the frame: erode by that square and look for survivors at
    // least h px from every edge (the erosion ignores pixels outside the image, so a sliver along the edge would
    // otherwise survive as if the frame continued it).
    internal static bool[] Judgeable(PixelBuffer<byte> mask, PixelBuffer<int> labels, int count)
    {
        const int h = JudgeableHalfSide;
        var judgeable = new bool[count];
        using var core = MaskMorphology.Erode(mask, StructuringElement.Square(h));
        for (int y = h; y < mask.Height - h; y++)
        {
            for (int x = h; x < mask.Width - h; x++)
            {
                if (core[x, y] != 0)
                {
                    judgeable[labels[x, y] - 1] = true; // label i+1 is stats[i]
                }
            }
        }

        return judgeable;
    }

    /// <summary>Whether <paramref name="flag"/> overlaps a truth region of its class (false: a false alarm).</summary>
    public static bool Hits(Truth truth, HealingFlag flag)
    {
        var counts = Score(truth, [flag]);
        int k = HealingFlagTypes.ClassIndex(flag.Type);
        return counts.Fp[k] == 0;
    }

    /// <summary>
    /// The truth regions no flag of their class overlaps, as "class [x,y,w,h] area px²" (BEFORE pixels), for reading a
    /// calibration run: a miss smaller than a tile's labelling share (35% of 128×128 px, 5734 px²) was never a positive
    /// training tile.
    /// </summary>
    public static IEnumerable<string> Misses(Truth truth, IReadOnlyList<HealingFlag> flags)
    {
        for (int k = 1; k < truth.Regions.Length; k++)
        {
            var ofClass = flags.Where(f => f.Type == HealingFlagTypes.ModelClasses[k]).ToList();
            foreach (var r in truth.Regions[k].Where(r => !ofClass.Any(f => Overlap(f.Box, r.X, r.Y, r.W, r.H))))
            {
                yield return $"{HealingFlagTypes.ModelClasses[k]} [{r.X},{r.Y},{r.W},{r.H}] {r.Area} px²";
            }
        }
    }

    /// <summary>
    /// Prints per-class totals over pairs ("{prefix}redness: TP 5 FP 1 FN 0 F1 0.909", then clean pairs with a false
    /// alarm) and returns the F1 per class (index 0 unused) with the clean-pair counts.
    /// </summary>
    public static (double[] F1, int Clean, int CleanFlagged) Summarise(IReadOnlyList<Counts> all, Xunit.Abstractions.ITestOutputHelper output, string prefix)
    {
        var f1 = new double[HealingFlagTypes.ModelClasses.Count];
        for (int k = 1; k < f1.Length; k++)
        {
            var (tp, fp, fn, f) = Counts.Total(all, k);
            f1[k] = f;
            output.WriteLine($"{prefix}{HealingFlagTypes.ModelClasses[k]}: TP {tp} FP {fp} FN {fn} F1 {f:0.000}");
        }

        int clean = all.Count(c => c.Clean), cleanFlagged = all.Count(c => c.Clean && c.Fp.Sum() > 0);
        output.WriteLine($"{prefix}clean pairs flagged: {cleanFlagged}/{clean}");
        return (f1, clean, cleanFlagged);
    }

    /// <summary>One line per class with hits, misses and false alarms of a pair.</summary>
    public static string Describe(Counts c) =>
        string.Join("; ", Enumerable.Range(1, HealingFlagTypes.ModelClasses.Count - 1).Select(k => $"{HealingFlagTypes.ModelClasses[k]} TP {c.Tp[k]} FN {c.Fn[k]} FP {c.Fp[k]}"));

    private static bool Overlap(double[] box, double x, double y, double w, double h) =>
        box[0] < x + w && x < box[0] + box[2] && box[1] < y + h && y < box[1] + box[3];
}
