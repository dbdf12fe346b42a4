using System.Diagnostics;
using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Statistics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// Runs the healing model over an aligned pair and explains each flag with measured numbers:
/// Δa* against the photo's own skin (redness), the share of earlier dots that faded (fade), and dot
/// radius growth (blowout). When the model and the measure disagree strongly the flag says so.
/// </summary>
public sealed class HealingAnalyzer(HealingModel model)
{
    /// <summary>Tiles per ONNX Runtime call.</summary>
    public const int BatchSize = 64;

    /// <summary>Class probability a tile needs to join a flag.</summary>
    public float Threshold { get; init; } = 0.6f;

    /// <summary>
    /// The lowest flag score (the model's highest tile probability in the flag) at which a patchy-fade or blowout
    /// proposal stands on the model alone, where no measurement can check it: the dots were not measured, or (blowout)
    /// the box holds too few matched dots to overrule the model (<see cref="MinDotsToOverrule"/>). Where the dots can
    /// check a proposal, they decide; redness is always checked by colour. Defaults: <see cref="DefaultMinScoreAlone"/>.
    /// </summary>
    public IReadOnlyDictionary<string, double> MinScoreAlone { get; init; } = DefaultMinScoreAlone;

    /// <summary>
    /// Chosen on calibration seeds 93000–93191 (never in training, never in the tests' held-out ranges) by one rule:
    /// the middle of the range of floors (0.60–0.99 by 0.01) that maximise the class's region-level F1 of the model
    /// alone (judgeable regions, the tests' HealingRegionScore). For the model trained with context (2026-11-22,
    /// 9229d63e): patchy fade 0.908 with no floor, 0.954 from 0.85 to 0.90 (10 false alarms down to 1, one true patch
    /// lost), so 0.875; blowout 0.923 from 0.60 to 0.70 (no false alarm to remove; above 0.70 true ones go), so 0.65.
    /// The zero-padded model before it (7e19b042) had fade 0.96 and blowout 0.785 by the same rule.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> DefaultMinScoreAlone = new Dictionary<string, double>
    {
        [HealingFlagTypes.PatchyFade] = 0.875,
        [HealingFlagTypes.Blowout] = 0.65,
    };

    /// <summary>
    /// Measured a* rise a redness flag needs to be kept: its reddest half-tile window over the median ordinary window
    /// of the same photo (evidence <c>peakWindowDeltaAStar</c>). The model proposes, the colour measurement confirms.
    /// Visible erythema is a region mean 2 a* units over healthy skin (about the CIELAB just-noticeable difference,
    /// the renderer's <c>MinVisibleRednessDeltaA</c>); the reddest window of a patch sits a little above its mean, so
    /// on this measure the line falls at 2.5: on calibration seeds 93000–93191 every true redness proposal measured
    /// 2.58 or more with the model alone (1.71–2.46 for 3 of 41 in the pipeline's harder presets), while faint tint
    /// the truth calls invisible (rendered 1.4–1.9) measured up to 2.44; 2.5 maximised F1 for both.
    /// </summary>
    public double MinRednessDeltaA { get; init; } = 2.5;

    // A redness flag whose reddest window rises less than twice MinRednessDeltaA also needs that window to stand out
    // from this photo's own window-to-window a* variation outside the flag (evidence peakWindowZ ≥ peakWindowZLimit,
    // the one-sided 5% quantile of the largest of that many ordinary windows). In that near-threshold range a lighting
    // or white-balance change can make the rise. Above it the rise stands on its own: on the real red scalps of
    // ../shared/real-samples the erythema is patchy and widespread, ordinary skin there varies by 6–12 a* units, and
    // clear redness would fail a z-test against it.

    /// <summary>
    /// Largest share of the analysed tile grid a redness flag may cover. Redness is measured against the same
    /// photo's skin; a flag over most of the scalp leaves no unaffected skin to compare with (on held-out pairs
    /// such flags were white-balance or lighting shifts on very dark skin), so it is reported as unconfirmed.
    /// </summary>
    public double MaxRednessShare { get; init; } = 0.5;

    /// <summary>
    /// Smallest share of a flagged box's earlier dots that a real patchy fade fades (the same 20% below which the
    /// flag's note already says the measurement disagrees). Synthetic fade boxes measure 0.25–0.47.
    /// </summary>
    public double MinFadedShare { get; init; } = 0.2;

    /// <summary>
    /// A patchy-fade flag is unconfirmed when so few of its earlier dots faded that, had
    /// <see cref="MinFadedShare"/> of them faded, a count this low would happen less often than this
    /// (one-sided binomial tail): 0 faded of 35 (a photo compared with itself) gives 0.0004. It is also the level
    /// of the other side: the faded count must be one the pair's own rate elsewhere (<see cref="FadeNoiseShare"/> at
    /// least) gives less often than this, so 0 of 9, which a 20% fade gives 13% of the time, is no measured fade.
    /// </summary>
    public double FadeVetoLevel { get; init; } = 0.05;

    /// <summary>
    /// Earlier (BEFORE) dots a patchy-fade or blowout flag's box must hold: fade is pigment that was there and faded,
    /// blowout is pigment that was there and spread, and a box of one or more model tiles (≥ 41 mm²) holds about
    /// 8 dots even at 20 dots/cm². Fewer means the area had next to no pigment (or no dot was found in it), so the
    /// model's proposal has nothing to stand on: on the real red scalps of ../shared/real-samples, which carry no
    /// SMP, the model proposed blowout and fade over bare skin.
    /// </summary>
    public int MinEarlierDots { get; init; } = 5;

    /// <summary>
    /// Smallest share of earlier dots taken to measure faded or lost without any fade (detector noise), the floor under
    /// the pair's own share outside the box (<c>fadedShareElsewhere</c>). A patchy-fade flag is confirmed only when
    /// its box holds more faded dots than that rate explains (upper binomial tail under <see cref="FadeVetoLevel"/>):
    /// fade is a patch against the rest of the scalp. Clean synthetic pairs measure 0–1% faded or lost.
    /// </summary>
    public double FadeNoiseShare { get; init; } = 0.01;

    // Half-size, in model (downscaled) pixels, of the window whose skin light change is set against a dot's fade: 8 px
    // is 32 photo pixels across, 1.6 mm at 0.05 mm/px, a few dot spacings, well inside a highlight.
    private const int GlareWindow = 8;

    /// <summary>Matched dots a blowout flag's box must hold before their radius growth may overrule the model.</summary>
    public int MinDotsToOverrule { get; init; } = 10;

    /// <summary>
    /// Radius growth (AFTER radius in BEFORE pixels ÷ BEFORE radius) from which a matched dot counts as grown.
    /// Blowout is ink spreading under the skin: synthetic blowout dots grow 1.25–1.75×.
    /// </summary>
    public double GrownRadiusRatio { get; init; } = 1.15;

    /// <summary>
    /// Share of dots without blowout that still measure <see cref="GrownRadiusRatio"/> or more (detector radius
    /// noise, blur): 112 of 12917 matched dots (0.9%) on training pairs 1000000–1000011 through the true
    /// mapping. It is a floor: the rate used is the larger of it and the pair's own share of grown dots outside the
    /// flag's box (<c>grownShareElsewhere</c>), which on the hard preset's noisy dark skin reaches 7–25%.
    /// </summary>
    public double GrowthNoiseShare { get; init; } = 0.01;

    /// <summary>
    /// A blowout flag over at least <see cref="MinDotsToOverrule"/> matched dots is unconfirmed when as many grown
    /// dots as it holds would turn up by noise alone (<see cref="GrowthNoiseShare"/> or the pair's own rate elsewhere) at least this often
    /// (one-sided binomial tail). The count, not the box's median growth, is tested: the box is the union of the
    /// model's tiles and holds much unaffected skin around a small patch (a blowout cut by the frame edge had
    /// 10 grown dots among 196 and a median growth of 0.98).
    /// </summary>
    public double BlowoutVetoLevel { get; init; } = 0.05;

    /// <summary>Tile grid stride in downscaled pixels (half a tile: every point is seen by up to 4 tiles).</summary>
    public int Stride { get; init; } = HealingTileLayout.TileSize / 2;

    /// <summary>
    /// Classify the grid coarse-to-fine: first every other tile (stride 2 × <see cref="Stride"/>, tiles edge to
    /// edge, so every point is still seen once), then the <see cref="Stride"/> tiles around any coarse tile whose
    /// probability of a condition reaches <see cref="RefineThreshold"/>. Healthy scalp, most of a photo, costs a
    /// quarter of the full grid; near a finding the grid is as fine as without it. False (the default) evaluates
    /// every tile: with the retrained model (7e19b042) the coarse pass lost 2 of the full grid's 3 flags on the
    /// held-out pair healing-90012 (a patch between coarse tiles none of which reached the threshold) and saved
    /// only 4% of the tiles on the 12 MP bench pair (2735 of 2852), so it is an opt-in speed-up, not the default.
    /// </summary>
    public bool CoarseToFine { get; init; }

    /// <summary>
    /// Classify the grid's tiles through the model's dense form (<see cref="HealingModel.HasDenseForm"/>): the
    /// convolutions run once over the planes instead of up to four times over each pixel, about a quarter of the
    /// model's work. Null (the default) uses it when it is exact (<see cref="HealingModel.DenseIsExact"/>: a model
    /// trained on tiles with their context, whose dense form gives each tile's own numbers); true forces it.
    /// For a model of zero-padded 64×64 tiles (before 2026-11-22) it is not the same classifier: a dense cell sees
    /// its neighbours' pixels where the tile saw zeros. Measured with 7e19b042 on calibration seeds 93000–93191 it
    /// matched the tile-by-tile figures, but on the CI's held-out pairs 90000–90023 it raised two blowout false
    /// alarms (F1 0.750) and one whole-scalp redness flag.
    /// </summary>
    public bool? DenseGrid { get; init; }

    /// <summary>
    /// Probability of any condition (1 − P(healthy)) at which a coarse tile's neighbours are classified too;
    /// well below <see cref="Threshold"/> so a patch that a fine tile would flag is not missed because it sits
    /// between coarse tiles (each of them then sees a good part of it).
    /// </summary>
    public float RefineThreshold { get; init; } = 0.05f;

    /// <summary>Flags for a pair.</summary>
    /// <param name="before">BEFORE RGB.</param>
    /// <param name="afterOnBefore">AFTER warped onto BEFORE.</param>
    /// <param name="valid">Where both have data.</param>
    /// <param name="dots">
    /// What became of each BEFORE dot (evidence, and the measurement that confirms or overrules fade and
    /// blowout); null when the dots were not measured, so fade and blowout flags stand on the model alone.
    /// </param>
    /// <param name="include">Optional filter on tile origins (downscaled pixels), e.g. the scalp area.</param>
    public HealingResult Analyze(PixelBuffer<byte> before, PixelBuffer<byte> afterOnBefore, PixelBuffer<byte> valid, IReadOnlyList<DotChangeSample>? dots, Func<int, int, bool>? include = null)
    {
        bool dotsMeasured = dots is not null;
        dots ??= [];
        var sw = Stopwatch.StartNew();
        using var sampler = new HealingTileSampler(before, afterOnBefore, valid);
        var origins = sampler.TileOrigins(Stride, include, reachFarEdges: true);
        double prepareMs = sw.Elapsed.TotalMilliseconds;
        var batch = new TileBatch(model, sampler);
        List<HealingFlagAssembler.TileProbabilities> tiles;
        double denseMs = 0;
        if (CoarseToFine)
        {
            int coarse = 2 * Stride;
            // The coarse pass: every other grid tile, plus the tiles flush with the far edges (off the grid, so the
            // fine pass around a coarse tile would never reach them).
            tiles = batch.Classify(origins.Where(o => (o.X % coarse == 0 && o.Y % coarse == 0) || o.X % Stride != 0 || o.Y % Stride != 0).ToList());
            var seen = tiles.Select(t => (t.X, t.Y)).ToHashSet();
            var near = new HashSet<(int X, int Y)>();
            foreach (var t in tiles.Where(t => 1 - t.Probabilities[0] >= RefineThreshold))
            {
                for (int dy = -Stride; dy <= Stride; dy += Stride)
                {
                    for (int dx = -Stride; dx <= Stride; dx += Stride)
                    {
                        near.Add((t.X + dx, t.Y + dy));
                    }
                }
            }

            // Keep the fine grid's order and its validity/include filter: only origins it would have used.
            tiles.AddRange(batch.Classify(origins.Where(o => near.Contains(o) && !seen.Contains(o)).ToList()));
        }
        else if (DenseGrid ?? model.DenseIsExact)
        {
            if (!model.HasDenseForm || Stride != HealingModel.DenseStride)
            {
                throw new InvalidOperationException($"{model.Path}: the dense grid needs the model loaded with its dense form ({HealingModel.DenseFileName} beside it) and the stride {HealingModel.DenseStride} (stride {Stride})");
            }

            // The grid's tiles in one pass of the dense form; the tiles flush with the far edges sit off its grid and
            // are classified on their own.
            var dense = new DenseTileGrid(model, sampler);
            var onGrid = dense.Classify(origins.Where(DenseTileGrid.OnGrid).ToList());
            var offGrid = batch.Classify(origins.Where(o => !DenseTileGrid.OnGrid(o)).ToList());
            var byOrigin = onGrid.Concat(offGrid).ToDictionary(t => (t.X, t.Y));
            tiles = origins.Select(o => byOrigin[o]).ToList();
            denseMs = dense.ModelMilliseconds;
        }
        else
        {
            tiles = batch.Classify(origins);
        }

        double radiusScale = PhotoRadiusRatio(dots);
        // Only a redness proposal needs the redness field and the analysed area's windows: computed on first use.
        var redness = new Lazy<RednessMeasure>(() =>
        {
            var clipped = ClippedColour.PlaneMask(afterOnBefore, sampler.Width, sampler.Height);
            var field = new RednessField(sampler, clipped);
            return new RednessMeasure(field, field.Windows(origins), clipped);
        });
        HealingFlagAssembler.EvidenceProvider evidence = (type, box, members) => Evidence(sampler, dots, GrownRadiusRatio * radiusScale, redness, type, box, members);
        var proposed = HealingFlagAssembler.Assemble(tiles, Stride, Threshold, evidence);
        bool Confirmed(HealingFlag flag) => Confirms(flag, origins.Count, dotsMeasured);
        if (dotsMeasured)
        {
            proposed = NarrowFade(proposed, tiles, dots, evidence, Confirmed);
        }

        var flags = proposed.Where(Confirmed).ToList();
        return new HealingResult(flags, model.Sha256, tiles.Count, sw.Elapsed.TotalMilliseconds)
        {
            Unconfirmed = proposed.Where(f => !Confirmed(f)).ToList(),
            PrepareMilliseconds = prepareMs,
            ModelMilliseconds = batch.ModelMilliseconds + denseMs,
            GridTiles = origins.Count,
        };
    }

    // A redness proposal is kept when its reddest window rises at least MinRednessDeltaA over the photo's ordinary
    // windows, and, under twice that, also stands out from their window-to-window variation (evidence peakWindowZ
    // against its limit; not measurable on a photo with too few ordinary windows, which then passes). A flag over more
    // than MaxRednessShare of the grid needs both a clear rise (twice MinRednessDeltaA) and a measured z that stands
    // out: only then is there unaffected skin left to judge it against.
    private bool RednessConfirmed(IReadOnlyDictionary<string, double> e, int gridTiles)
    {
        double rise = e["peakWindowDeltaAStar"];
        bool measured = e.TryGetValue("peakWindowZ", out double z);
        bool standsOut = !measured || z >= e["peakWindowZLimit"];
        bool clear = rise >= 2 * MinRednessDeltaA;
        bool leavesSkin = e["tiles"] <= MaxRednessShare * gridTiles || (clear && measured && standsOut);
        return rise >= MinRednessDeltaA && leavesSkin && (clear || standsOut);
    }

    /// <summary>
    /// Whether the measurements confirm a flag the model proposed (or, where none can check it, the model is sure
    /// enough alone: <see cref="MinScoreAlone"/>): redness needs a measured a* rise and
    /// unaffected skin around it; patchy fade needs earlier dots in its box and, when there are enough of them,
    /// a share that really faded; blowout, when enough dots matched, a real growth of their radius.
    /// </summary>
    /// <param name="flag">A proposed flag with the evidence <see cref="Analyze"/> measures.</param>
    /// <param name="gridTiles">Tiles in the analysed grid (for the share a redness flag covers).</param>
    /// <param name="dotsMeasured">False when no dot change was measured: fade and blowout then stand on their score.</param>
    public bool Confirms(HealingFlag flag, int gridTiles, bool dotsMeasured)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var e = flag.Evidence;
        bool sureAlone = flag.Score >= MinScoreAlone.GetValueOrDefault(flag.Type, Threshold);
        return flag.Type switch
        {
            HealingFlagTypes.Redness => RednessConfirmed(e, gridTiles),
            // Fade needs pigment that was there: no earlier dot in the box means nothing could fade; many
            // earlier dots of which almost none faded means the measurement contradicts the model.
            HealingFlagTypes.PatchyFade => dotsMeasured ? (e["dotsBefore"] >= MinEarlierDots
                    && BinomialTail.AtMost(FadedDots(e), (int)e["dotsBefore"], MinFadedShare) >= FadeVetoLevel
                    && Beyond(FadedDots(e), (int)e["dotsBefore"], Math.Max(FadeNoiseShare, e["fadedShareElsewhere"]), FadeVetoLevel)) : sureAlone,
            // Blowout needs grown dots beyond what detector noise gives among this many matched dots; with too few
            // matched dots to tell, the model must be sure on its own.
            HealingFlagTypes.Blowout => !dotsMeasured ? sureAlone
                : (e["dotsBefore"] >= MinEarlierDots && e["matchedDots"] < MinDotsToOverrule) ? sureAlone
                : Beyond((int)e["grownDots"], (int)e["matchedDots"], Math.Max(GrowthNoiseShare, e["grownShareElsewhere"]), BlowoutVetoLevel),
            _ => true,
        };
    }

    private static (IReadOnlyDictionary<string, double> Evidence, string? Note) Evidence(HealingTileSampler s, IReadOnlyList<DotChangeSample> dots, double grownRatio, Lazy<RednessMeasure> redness, string type, double[] box, IReadOnlyList<(int X, int Y)> members)
    {
        var e = new Dictionary<string, double>();
        string? note = null;
        switch (type)
        {
            case HealingFlagTypes.Redness:
            {
                var (afterDa, beforeDa) = MeanChroma(s, box);
                e["deltaAStar"] = Math.Round(afterDa, 2);
                e["deltaAStarVsBefore"] = Math.Round(afterDa - beforeDa, 2);
                // The box is the union of the tiles and may hold much normal skin around a small patch, and a whole
                // tile still dilutes a patch smaller than itself: the reddest half-tile window says whether there is
                // visible erythema anywhere in the flag. It is set against the analysed area's ordinary windows
                // outside the flag (their median, measured the same way), not against the skin reference: that is
                // "relative to untreated skin in the same photo", and the reference (the brighter half of all skin,
                // redness included) sat 0.1–1.0 a* above the ordinary windows on calibration pairs.
                const int f = HealingTileLayout.Downscale, w = RednessField.Window;
                var (field, windows, clipped) = redness.Value;
                var outside = windows.Where(t => !Overlaps(t.X * f, t.Y * f, w * f, box)).Select(t => t.Rise).ToList();
                double baseline = outside.Count >= 4 ? Median(outside) : 0, peak = field.Peak(members);
                e["peakWindowDeltaAStar"] = double.IsNaN(peak) ? 0 : Math.Round(peak - baseline, 2);
                // How much ordinary windows vary on this photo (lighting, white balance, noise on dark skin): the
                // reddest window must stand above the typical one by more than the largest of that many ordinary
                // windows would (one-sided 5%, split over the flag's edge-to-edge windows; the peak slides between
                // them, so the bar is if anything a little low).
                if (outside.Count >= 4 && !double.IsNaN(peak))
                {
                    double spread = 1.4826 * Median(outside.Select(r => Math.Abs(r - baseline)));
                    e["skinWindowDeltaAStar"] = Math.Round(baseline, 2);
                    e["skinWindowSpread"] = Math.Round(spread, 2);
                    e["peakWindowZ"] = Math.Round((peak - baseline) / Math.Max(0.05, spread), 2);
                    e["peakWindowZLimit"] = Math.Round(StandardNormal.Quantile(1 - (0.05 / Math.Max(1, field.Windows(members).Count))), 2);
                }

                double clippedShare = ClippedShare(s, clipped, box);
                e["clippedShare"] = Math.Round(clippedShare, 3);
                if (clippedShare >= 0.5)
                {
                    note = $"the AFTER photo's colour is clipped (a channel at {ClippedColour.Level} or more) over {clippedShare:0%} of this box: its redness cannot be measured there";
                }
                else if (afterDa < 2)
                {
                    note = $"the model sees redness but skin a* is only {afterDa:0.0} above this photo's skin reference";
                }

                break;
            }

            case HealingFlagTypes.PatchyFade:
            {
                var inBox = dots.Where(d => Inside(d, box)).ToList();
                // Glare: light added on top of the skin (a specular highlight, a flash on a shiny scalp) lowers every
                // dot's contrast 1 − L_dot/L_skin by the factor L_skin/(L_skin + glare), the skin's own brightening,
                // while fade darkens no skin and brightens only the dots. A dot in a box whose skin brightened by g
                // relative to the rest of the photo counts as faded only if its contrast fell more than the glare
                // explains (ratio · g still under the limit). On calibration pair hard-93027 36% of 108 dots under a
                // highlight read faded with none faded in truth; hard-93047, 56% of 504 under a brightening of 1.22.
                // Glare is as local as a highlight, so each dot is judged by the light around it (a window of
                // ±GlareWindow model pixels); the box's own ratio is reported.
                e["skinLightRatio"] = Math.Round(SkinLightRatio(s, box), 3);
                bool FadedBeyondGlare(DotChangeSample d)
                {
                    if (!d.Faded || d.ContrastRatio == 0 || double.IsNaN(d.FadedBelow))
                    {
                        return d.Faded;
                    }

                    const int w = GlareWindow * HealingTileLayout.Downscale;
                    double light = SkinLightRatio(s, [d.X - w, d.Y - w, 2 * w, 2 * w]);
                    return light <= 1 || d.ContrastRatio * light < d.FadedBelow;
                }

                double frac = inBox.Count == 0 ? 0 : inBox.Count(FadedBeyondGlare) / (double)inBox.Count;
                e["dotsBefore"] = inBox.Count;
                e["fadedFraction"] = Math.Round(frac, 3);
                var kept = inBox.Where(d => d.ContrastRatio > 0).ToList();
                e["meanContrastRatio"] = kept.Count == 0 ? 0 : Math.Round(kept.Average(d => d.ContrastRatio), 3);
                // The pair's own rate of faded or lost earlier dots outside the box: a patch fades against the
                // rest of the scalp, and on noisy photos some unchanged dots always measure faded.
                var elsewhere = dots.Where(d => !Inside(d, box)).ToList();
                e["fadedShareElsewhere"] = elsewhere.Count == 0 ? 0 : Math.Round(elsewhere.Count(d => d.Faded) / (double)elsewhere.Count, 4);
                if (inBox.Count < 5)
                {
                    note = $"only {inBox.Count} earlier dots were found here, too few to confirm fade by measurement";
                }
                else if (frac < 0.2)
                {
                    note = $"the model sees fade but only {frac:0%} of the {inBox.Count} earlier dots here faded";
                }

                break;
            }

            case HealingFlagTypes.Blowout:
            {
                e["dotsBefore"] = dots.Count(d => Inside(d, box));
                var grown = dots.Where(d => Inside(d, box) && double.IsFinite(d.RadiusRatio)).ToList();
                double ratio = grown.Count == 0 ? double.NaN : Median(grown.Select(d => d.RadiusRatio));
                e["matchedDots"] = grown.Count;
                e["medianRadiusGrowth"] = double.IsNaN(ratio) ? 0 : Math.Round(ratio, 3);
                // Halo growth: the matched dots' integrated darkness (see DotChangeSample.InkRatio), for the practitioner
                // to check beside the radius; reported, not tested.
                var ink = grown.Where(d => double.IsFinite(d.InkRatio)).Select(d => d.InkRatio).ToList();
                e["medianInkGrowth"] = ink.Count == 0 ? 0 : Math.Round(Median(ink), 3);
                e["grownDots"] = grown.Count(d => d.RadiusRatio >= grownRatio);
                // The same count among the matched dots outside the box: this photo pair's own rate of dots that
                // measure grown without blowout (radius noise on dark noisy skin, blur). Unchanged dots of the hard
                // synthetic preset measured grown at 7–25% (calibration seeds 93003–93047), far above the 1% of
                // clean photos, so a fixed rate let noise pass for blowout there.
                var elsewhere = dots.Where(d => !Inside(d, box) && double.IsFinite(d.RadiusRatio)).ToList();
                e["grownShareElsewhere"] = elsewhere.Count == 0 ? 0 : Math.Round(elsewhere.Count(d => d.RadiusRatio >= grownRatio) / (double)elsewhere.Count, 4);
                e["grownRadiusLimit"] = Math.Round(grownRatio, 3);
                if (grown.Count < 5)
                {
                    note = $"only {grown.Count} matched dots here, too few to confirm blowout by measurement";
                }
                else if (ratio < grownRatio)
                {
                    note = $"the model sees blowout but the median matched dot grew only {ratio:0.00}×";
                }

                break;
            }
        }

        return (e, note);
    }

    /// <summary>
    /// A patchy-fade proposal the dots do not confirm as a whole is narrowed to its tiles whose own earlier dots
    /// faded (at least <see cref="MinFadedShare"/> of at least <see cref="MinEarlierDots"/>); each connected
    /// group of them is a new proposal judged like any other. The model's fade area can spread far beyond the
    /// patch (a softer AFTER photo lowers every dot's contrast, which the model reads as fade: held-out pair
    /// healing-91016 had one 60-tile proposal over most of the photo, 10% of its 789 earlier dots faded, all of
    /// them in the true patch), and the whole box then fails the measurement although the patch in it is real.
    /// Proposals that stay unconfirmed keep the model's original box.
    /// </summary>
    internal List<HealingFlag> NarrowFade(List<HealingFlag> proposed, IReadOnlyList<HealingFlagAssembler.TileProbabilities> tiles, IReadOnlyList<DotChangeSample> dots, HealingFlagAssembler.EvidenceProvider evidence, Func<HealingFlag, bool> confirmed)
    {
        const int s = HealingTileLayout.TileSize, f = HealingTileLayout.Downscale;
        int fade = HealingFlagTypes.ClassIndex(HealingFlagTypes.PatchyFade);
        // A proposal is narrowed within its own tiles, not within its box: a large proposal's box can hold a separate
        // smaller one, whose tiles would otherwise come back as a second flag with the same box (held-out pair
        // hard-99171 reported one fade tile twice). The groups are Assemble's again, found only if a proposal needs them.
        var groups = new Lazy<List<List<HealingFlagAssembler.TileProbabilities>>>(() => HealingFlagAssembler.Groups(tiles, Stride, Threshold, fade));
        var result = new List<HealingFlag>();
        foreach (var flag in proposed)
        {
            if (flag.Type != HealingFlagTypes.PatchyFade || confirmed(flag))
            {
                result.Add(flag);
                continue;
            }

            bool TileFaded(HealingFlagAssembler.TileProbabilities t)
            {
                double[] tileBox = [t.X * f, t.Y * f, s * f, s * f];
                var inTile = dots.Where(d => Inside(d, tileBox)).ToList();
                return inTile.Count >= MinEarlierDots && inTile.Count(d => d.Faded) >= MinFadedShare * inTile.Count;
            }

            var own = groups.Value.First(g => g.Count == (int)flag.Evidence["tiles"] && HealingFlagAssembler.Box(g).SequenceEqual(flag.Box));
            var faded = own.Where(TileFaded).ToList();
            // The tiles were chosen for their faded dots, so a narrowed group must clear the noise test at a level
            // divided by the number of tiles searched (Bonferroni): picking the worst of 60 noisy tiles and testing it
            // at 5% would find "fade" on most noisy pairs (it did on calibration pairs hard-93027 and hard-93035).
            double level = FadeVetoLevel / Math.Max(1, flag.Evidence["tiles"]);
            var narrowed = HealingFlagAssembler.Assemble(faded, Stride, Threshold, evidence)
                .Where(n => n.Type == HealingFlagTypes.PatchyFade && confirmed(n)
                    && Beyond(FadedDots(n.Evidence), (int)n.Evidence["dotsBefore"], Math.Max(FadeNoiseShare, n.Evidence["fadedShareElsewhere"]), level))
                .ToList();
            result.AddRange(narrowed.Count > 0 ? narrowed : [flag]);
        }

        return result.OrderByDescending(x => x.Score).ToList();
    }

    // Whether k of n is more than a rate p explains: the upper tail P(K ≥ k) is under the level.
    private static bool Beyond(int k, int n, double p, double level) => 1 - BinomialTail.AtMost(k - 1, n, p) < level;

    // Faded earlier dots of a fade flag's box, from its evidence (share × count).
    private static int FadedDots(IReadOnlyDictionary<string, double> e) => (int)Math.Round(e["fadedFraction"] * e["dotsBefore"]);

    /// <summary>
    /// The pair's photo-level radius ratio: the median AFTER/BEFORE radius (in BEFORE pixels) of the matched dots, or
    /// 1 with fewer than 30. A softer AFTER photo widens every dot's measured profile alike (unchanged dots of the hard
    /// synthetic preset read 1.05–1.09); blowout is some dots growing against the rest, so growth is judged against
    /// this (the median holds while fewer than half the dots blow out).
    /// </summary>
    private static double PhotoRadiusRatio(IReadOnlyList<DotChangeSample> dots)
    {
        var r = dots.Where(d => double.IsFinite(d.RadiusRatio)).Select(d => d.RadiusRatio).ToList();
        return r.Count < 30 ? 1 : Median(r);
    }

    private static bool Overlaps(double x, double y, double size, double[] box) =>
        x < box[0] + box[2] && box[0] < x + size && y < box[1] + box[3] && box[1] < y + size;

    private static bool Inside(DotChangeSample d, double[] box) =>
        d.X >= box[0] && d.Y >= box[1] && d.X < box[0] + box[2] && d.Y < box[1] + box[3];

    // Mean a* above the skin reference over skin-like pixels (L* within 10 of skin, so dots and hair
    // do not dilute the redness), for AFTER and BEFORE, in the box (BEFORE pixels → downscaled). Pixels outside
    // either photo read exactly "skin" in the planes and would pull a box at the frame edge towards 0: left out.
    private static (double After, double Before) MeanChroma(HealingTileSampler s, double[] box)
    {
        var (x0, y0, x1, y1) = PlaneRect(s, box);
        double sa = 0, sb = 0;
        int na = 0, nb = 0;
        // Whole rows at once (a flag over most of the photo covers millions of plane pixels), summed in the same order.
        for (int y = y0; y < y1; y++)
        {
            ReadOnlySpan<byte> valid = s.ValidRow(y);
            ReadOnlySpan<float> la = s.PlaneRow(3, y), aa = s.PlaneRow(4, y), lb = s.PlaneRow(0, y), ab = s.PlaneRow(1, y);
            for (int x = x0; x < x1; x++)
            {
                if (HealingTileSampler.SkinLike(valid[x], la[x]))
                {
                    sa += aa[x];
                    na++;
                }

                if (HealingTileSampler.SkinLike(valid[x], lb[x]))
                {
                    sb += ab[x];
                    nb++;
                }
            }
        }

        return (na == 0 ? 0 : sa / na * HealingTileLayout.ChromaScale, nb == 0 ? 0 : sb / nb * HealingTileLayout.ChromaScale);
    }

    // Share of the box's valid plane pixels whose AFTER colour is clipped (ClippedColour).
    private static double ClippedShare(HealingTileSampler s, byte[] clipped, double[] box)
    {
        var (x0, y0, x1, y1) = PlaneRect(s, box);
        int n = 0, c = 0;
        for (int y = y0; y < y1; y++)
        {
            ReadOnlySpan<byte> valid = s.ValidRow(y);
            for (int x = x0; x < x1; x++)
            {
                if (valid[x] != 0)
                {
                    n++;
                    c += clipped[(y * s.Width) + x];
                }
            }
        }

        return n == 0 ? 0 : c / (double)n;
    }

    // The model-plane pixels [x0, x1) × [y0, y1) of a box in BEFORE pixels, clipped to the planes.
    private static (int X0, int Y0, int X1, int Y1) PlaneRect(HealingTileSampler s, double[] box)
    {
        const int f = HealingTileLayout.Downscale;
        return (Math.Max(0, (int)(box[0] / f)), Math.Max(0, (int)(box[1] / f)),
            Math.Min(s.Width, (int)((box[0] + box[2]) / f)), Math.Min(s.Height, (int)((box[1] + box[3]) / f)));
    }

    // How much brighter the skin in the box is in AFTER than in BEFORE, each relative to its own photo's skin reference,
    // in linear luminance (CIE Y from L*): 1 when the light did not change there. Skin-like pixels only (L* within 10
    // below the reference in both photos), so dots and hair do not count.
    private static double SkinLightRatio(HealingTileSampler s, double[] box)
    {
        var (x0, y0, x1, y1) = PlaneRect(s, box);
        double ya = 0, yb = 0;
        int n = 0;
        float afterL = s.AfterSkin.L, beforeL = s.BeforeSkin.L;
        // Whole rows at once (fade evidence measures this for every earlier dot in a box), summed in the same order.
        for (int y = y0; y < y1; y++)
        {
            ReadOnlySpan<byte> valid = s.ValidRow(y);
            ReadOnlySpan<float> la = s.PlaneRow(3, y), lb = s.PlaneRow(0, y);
            for (int x = x0; x < x1; x++)
            {
                if (HealingTileSampler.SkinLike(valid[x], la[x]) && HealingTileSampler.SkinLike(valid[x], lb[x]))
                {
                    ya += RelativeLuminance(la[x], afterL);
                    yb += RelativeLuminance(lb[x], beforeL);
                    n++;
                }
            }
        }

        return n == 0 || yb <= 0 ? 1 : ya / yb;
    }

    // Y / Y_reference of a pixel whose L* plane value is relative to the reference (CIE: Y ∝ ((L* + 16) / 116)³ above L* 8).
    private static double RelativeLuminance(float lPlane, float referenceL)
    {
        double l = (lPlane * HealingTileLayout.LScale) + referenceL;
        double r = Math.Max(0, l + 16) / Math.Max(1, referenceL + 16);
        return r * r * r;
    }

    private static double Median(IEnumerable<double> v)
    {
        var a = v.OrderBy(x => x).ToArray();
        return a.Length == 0 ? double.NaN : a[a.Length / 2];
    }
}

/// <summary>The AFTER photo's redness field, its measured windows over the analysed grid, and its clipped-colour mask.</summary>
internal sealed record RednessMeasure(RednessField Field, List<(int X, int Y, double Rise)> Windows, byte[] Clipped);

/// <summary>
/// Cuts tiles into one reused input buffer, BatchSize at a time, and runs the model on them; the
/// input and output buffers live as long as the analysis, so a pair allocates them once.
/// </summary>
internal sealed class TileBatch(HealingModel model, HealingTileSampler sampler)
{
    private readonly float[] _input = new float[HealingAnalyzer.BatchSize * model.InputFloats];
    private readonly float[] _output = new float[HealingAnalyzer.BatchSize * HealingFlagTypes.ModelClasses.Count];

    /// <summary>Time spent inside ONNX Runtime so far.</summary>
    public double ModelMilliseconds { get; private set; }

    /// <summary>Classifies the tiles at <paramref name="origins"/> (downscaled pixels), in order.</summary>
    public List<HealingFlagAssembler.TileProbabilities> Classify(IReadOnlyList<(int X, int Y)> origins)
    {
        int classes = HealingFlagTypes.ModelClasses.Count;
        var tiles = new List<HealingFlagAssembler.TileProbabilities>(origins.Count);
        for (int start = 0; start < origins.Count; start += HealingAnalyzer.BatchSize)
        {
            int n = Math.Min(HealingAnalyzer.BatchSize, origins.Count - start);
            int floats = model.InputFloats;
            Parallel.For(0, n, i => sampler.CopyTile(origins[start + i].X, origins[start + i].Y, _input.AsSpan(i * floats, floats), model.Context));
            long t0 = Stopwatch.GetTimestamp();
            model.Classify(_input, n, _output);
            ModelMilliseconds += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            for (int i = 0; i < n; i++)
            {
                tiles.Add(new(origins[start + i].X, origins[start + i].Y, _output.AsSpan(i * classes, classes).ToArray()));
            }
        }

        return tiles;
    }
}

/// <summary>Healing flags for a pair, the model's hash, and how much work it took.</summary>
public sealed record HealingResult(IReadOnlyList<HealingFlag> Flags, string ModelSha256, int Tiles, double Milliseconds)
{
    /// <summary>Flags the model proposed that the measurement did not confirm (e.g. redness with no measurable a* rise).</summary>
    public IReadOnlyList<HealingFlag> Unconfirmed { get; init; } = [];

    /// <summary>Part of <see cref="Milliseconds"/> spent turning the pair into model planes and choosing tiles.</summary>
    public double PrepareMilliseconds { get; init; }

    /// <summary>Part of <see cref="Milliseconds"/> spent inside ONNX Runtime.</summary>
    public double ModelMilliseconds { get; init; }

    /// <summary>Tiles of the full grid; <see cref="Tiles"/> is how many were classified (fewer coarse-to-fine).</summary>
    public int GridTiles { get; init; }
}
