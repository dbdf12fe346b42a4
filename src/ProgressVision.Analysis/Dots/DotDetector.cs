using ProgressVision.Analysis.Segmentation;
using ProgressVision.Analysis.Statistics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// Finds pigment dots: dark, small, round blobs on illumination-normalised luminance.
/// </summary>
/// <remarks>
/// Steps: (1) skin luminance per block → darkness 1 − L/L_skin (lighting- and skin-tone-invariant);
/// (2) DoG scale space, three scales per octave, extrema with sub-pixel/sub-scale refinement and
/// SIFT's curvature-ratio test against elongated structures; (3) non-maximum suppression between
/// overlapping detections; (4) radial profile for contrast and half-depth radius; (5) rejection of
/// blobs on oriented texture (hair: structure-tensor coherence) or too big (moles, shadows); (6) on RGB
/// photos, rejection of skin-coloured blobs (pores, follicles, furrows) by the colour test of
/// <see cref="DotColour"/>, which also lets significantly pigment-coloured blobs past the size and shape
/// floors that noise on very dark skin defeats (and past the DoG response and curvature-ratio limits), with
/// floors and colour calibrated locally where veiling light (sheen) fades every dot around (<see cref="LocalInkField"/>).
/// Glints are bright and never become dark blobs; the darkness
/// plane clips them so their surroundings cannot either.
/// </remarks>
public sealed class DotDetector
{
    /// <summary>Creates a detector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public DotDetector(DotDetectionOptions? options = null)
    {
        Options = options ?? new DotDetectionOptions();
        Options.Validate();
    }

    /// <summary>Candidates rejected by the last call: on background, on oriented texture, no dark centre, contrast/radius out of range.</summary>
    internal int[] LastRejections { get; private set; } = new int[4];

    /// <summary>The detector's options.</summary>
    public DotDetectionOptions Options { get; }

    /// <summary>
    /// Detects dots in an 8-bit gray or RGB photo. With a <paramref name="mask"/>, dots on
    /// background are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">Not 1 or 3 channels, or a mask for another image size.</exception>
    public IReadOnlyList<PigmentDot> Detect(PixelBuffer<byte> image, ScalpMask? mask = null)
    {
        using var planes = DarknessPlanes.Compute(image, Options);
        return Detect(planes, mask, image.Channels == 3 ? image : null);
    }

    /// <summary>
    /// Detects dots on precomputed darkness planes (shared with segmentation). Give the 8-bit RGB photo
    /// the planes were made from as <paramref name="colour"/> to use the colour test (pores vs pigment).
    /// </summary>
    public IReadOnlyList<PigmentDot> Detect(DarknessPlanes planes, ScalpMask? mask = null, PixelBuffer<byte>? colour = null)
    {
        ArgumentNullException.ThrowIfNull(planes);
        if (mask is not null && (mask.ImageWidth != planes.Width || mask.ImageHeight != planes.Height))
        {
            throw new ArgumentException($"Mask for {mask.ImageWidth}x{mask.ImageHeight} does not fit a {planes.Width}x{planes.Height} image.", nameof(mask));
        }

        var o = Options;
        int w = planes.Width, h = planes.Height;
        double noise = planes.Noise;

        // White-noise gain of each DoG level halves per octave in 2-D (the same kernel spans
        // 2^o photo pixels); the threshold is the larger of the absolute floor and k·noise·gain.
        var gains = DogNoiseGains();
        bool useColour = colour is not null && colour.Channels == 3 && colour.Width == w && colour.Height == h;
        double Threshold(int oct, int j, double factor) => Math.Max(factor * o.MinResponse, factor * o.NoiseFactor * noise * gains[j] / (1 << oct));
        double searchFactor = useColour ? o.ConfirmedResponseFactor : 1;
        double searchRatio = useColour ? o.MaxCurvatureRatio * o.ConfirmedCurvatureRatioFactor : o.MaxCurvatureRatio;
        double strictEdge = (o.MaxCurvatureRatio + 1) * (o.MaxCurvatureRatio + 1) / o.MaxCurvatureRatio;
        var candidates = ScaleSpaceBlobs.Detect(planes.Darkness, w, h, o.Octaves, searchRatio,
            (oct, j) => Threshold(oct, j, searchFactor), o.FirstOctave);

        double rMin = o.MinRadius, rMax = o.MaxRadius;
        candidates.RemoveAll(c => c.Sigma * Math.Sqrt(2) > 1.6 * rMax || c.X < 0 || c.Y < 0 || c.X > w - 1 || c.Y > h - 1);
        candidates.Sort((a, b) => b.Response.CompareTo(a.Response));

        // Responses between ConfirmedResponseFactor and 1 of the threshold, and curvature ratios beyond
        // MaxCurvatureRatio (pixel noise makes a faint dot's Hessian lopsided), are searched only with
        // colour, and such blobs must then prove their pigment colour; the colourless path sees exactly the
        // candidates that pass the strict threshold and edge test.
        bool Strong(BlobCandidate c) => c.Response >= Threshold(c.Octave, c.Level, 1) && c.EdgeScore < strictEdge;
        var strictCandidates = useColour ? candidates.Where(Strong).ToList() : candidates;
        var kept = Suppress(strictCandidates);

        // With colour, blobs are measured on the binomial-smoothed plane and those whose pigment colour
        // is significant are let through the noise-sensitive size and shape floors (relaxed by the
        // Confirmed… factors); they must then prove their colour in ClassifyByColour. Smoothing also lets
        // more pores through, which only the colour test removes: without usable colour (gray photos,
        // grey ink on grey skin, colour smeared by JPEG chroma subsampling) blobs are measured on the
        // plane as it is, with the strict floors only.
        var rejected = new int[4];
        var blobs = MeasureAll(planes, mask, kept, smooth: false, relax: false, rejected);
        double? full = ApplyVisibilityFloor(blobs);
        List<PigmentDot> dots = [];
        HashSet<(double X, double Y)>? confirmed = null;
        LocalInkField? veil = null;
        bool colourDecided = false;

        // Colour is worth its second measurement only where full ink is faint enough for pores to
        // compete with it (dark skin: full-ink contrast ≈0.3–0.55 on Synth's dark and very dark tones,
        // ≈0.7–0.85 on light skin, where the visibility floor already keeps pores out).
        if (useColour && full is double fullOld && fullOld < MaxColourFullInk)
        {
            var colourRejected = new int[4];
            var keptAll = ReferenceEquals(strictCandidates, candidates) ? kept : Suppress(candidates);
            var smoothed = MeasureAll(planes, mask, keptAll, smooth: true, relax: true, colourRejected, Strong, MinVeilFactor);

            // Veiling light (oily sheen) adds to skin and dot alike and cuts every dot's contrast there by
            // the same factor; the floors follow the local full-ink contrast (LocalInkField) instead of the
            // photo's (Synth hard tuning photos: the brightest quarter of the skin held 5–10× the misses).
            double? colourFull = FullInkContrast(smoothed);
            veil = LocalInkField.Build(w, h, ClearlySized(smoothed).Select(b => (b.Dot.X, b.Dot.Y, b.Dot.Contrast)).ToList(),
                v => v[(int)(0.9 * (v.Length - 1))], MinLocalDots, MinVeilFactor, 1);
            var field = veil;
            double visible = colourFull is double cf ? 0.85 * o.VisibleOpacity * cf : 0;
            smoothed.RemoveAll(b =>
            {
                double g = field.At(b.Dot.X, b.Dot.Y), c = b.Dot.Contrast;
                return c < g * Math.Max(o.MinContrast, visible) || c * Math.PI * b.Dot.Radius * b.Dot.Radius < g * o.MinInkArea;
            });
            var withColour = smoothed.ToArray();
            Parallel.For(0, withColour.Length, i =>
            {
                var b = withColour[i];
                var e = DotColour.Measure(colour!, b.Dot.X, b.Dot.Y, b.Dot.Radius, b.R0);
                withColour[i] = b with { CoolingShift = e.Shift, CoolingSigma = e.Sigma, RingSpread = e.RingSpread };
            });

            // The ink's cooling per unit contrast (κ) drops under sheen too, and more than contrast does
            // (added white light compresses the darker centre's colour most): κ is read locally as well.
            var coolingField = LocalInkField.Build(w, h, ClearlySized(withColour).Where(b => !double.IsNaN(b.CoolingShift)).Select(b => (b.Dot.X, b.Dot.Y, b.CoolingShift / b.Dot.Contrast)).ToList(),
                v => v[v.Length / 2], MinLocalDots, MinVeilFactor, 1);
            (dots, confirmed, colourDecided) = ClassifyByColour(withColour, colourFull, coolingField);
            if (colourDecided)
            {
                full = colourFull;
                rejected = colourRejected;
            }
        }

        if (!colourDecided)
        {
            dots = StrictOnly(blobs);
        }

        LastRejections = rejected;
        LastUsedColour = colourDecided;
        if (full is double fullInk)
        {
            dots = RejectSmallInk(dots, fullInk, confirmed, colourDecided ? veil : null);
        }

        // Dots do not overlap (needle entries are spaced; Synth keeps centres ≥ r₁ + r₂ + 0.05 mm apart):
        // a weaker detection whose disc reaches more than half its own radius into a stronger dot is a
        // piece of it (the same dot at another scale, or a noisy ink edge read as a blob of its own).
        dots.Sort((a, b) => b.Score.CompareTo(a.Score));
        dots = Suppress(dots, d => d.X, d => d.Y, d => d.Radius, useLarger: true);
        return dots;
    }

    // Profiles every kept candidate (on the smoothed plane or the plane as it is) and applies the
    // per-candidate floors: the strict ones, or with relax the Confirmed… ones (Strict tells which passed).
    private List<MeasuredBlob> MeasureAll(DarknessPlanes planes, ScalpMask? mask, List<BlobCandidate> kept, bool smooth, bool relax, int[] rejected,
        Func<BlobCandidate, bool>? strongResponse = null, double floorFactor = 1)
    {
        var o = Options;
        int w = planes.Width, h = planes.Height;
        double rMin = o.MinRadius, rMax = o.MaxRadius;
        double rLow = relax ? rMin * o.ConfirmedMinRadiusFactor : rMin;
        double eHigh = relax ? o.MaxElongation * o.ConfirmedMaxElongationFactor : o.MaxElongation;
        var measured = new MeasuredBlob?[kept.Count];
        Parallel.For(0, kept.Count, i =>
        {
            var c = kept[i];
            if (mask is not null && mask.LabelAt(c.X, c.Y) == ScalpLabel.Background)
            {
                Interlocked.Increment(ref rejected[0]);
                return;
            }

            if (planes.Coherence.At(c.X, c.Y) > o.MaxCoherence)
            {
                Interlocked.Increment(ref rejected[1]);
                return;
            }

            double r0 = c.Sigma * Math.Sqrt(2);
            if (!DotProfile.Measure(planes.Darkness, w, h, c.X, c.Y, r0, smooth, out double contrast, out double radius, out double elongation))
            {
                Interlocked.Increment(ref rejected[2]);
                return;
            }

            if (contrast < floorFactor * o.MinContrast || radius < rLow || radius > rMax || contrast * Math.PI * radius * radius < floorFactor * o.MinInkArea
                || elongation > eHigh)
            {
                Interlocked.Increment(ref rejected[3]);
                return;
            }

            bool strict = radius >= rMin && elongation <= o.MaxElongation && (strongResponse is null || strongResponse(c));
            measured[i] = new MeasuredBlob(new PigmentDot(c.X, c.Y, radius, contrast, c.Response), r0, strict, double.NaN, double.NaN);
        });

        var blobs = new List<MeasuredBlob>(kept.Count);
        foreach (var m in measured)
        {
            if (m is { } blob)
            {
                blobs.Add(blob);
            }
        }

        return blobs;
    }

    // The visibility floor needs only contrasts, so it goes before colour, which is then measured only
    // on what passes it (on light skin that leaves out most pores and noise blobs). Returns the
    // full-ink contrast (null: too few clearly sized dots, no floor).
    private double? ApplyVisibilityFloor(List<MeasuredBlob> blobs)
    {
        double? full = FullInkContrast(blobs);
        if (full is double f)
        {
            double floor = Math.Max(Options.MinContrast, 0.85 * Options.VisibleOpacity * f);
            blobs.RemoveAll(b => b.Dot.Contrast < floor);
        }

        return full;
    }

    // Greedy non-maximum suppression, strongest first: a weaker detection closer than 0.7× the
    // smaller radius to a stronger one is the same dot seen at a neighbouring scale. (The smaller
    // radius, because a coarse-scale response over a cluster of dots must not hide the dots.)
    private static List<BlobCandidate> Suppress(List<BlobCandidate> sorted) =>
        Suppress(sorted, c => c.X, c => c.Y, c => c.Sigma * Math.Sqrt(2), useLarger: false);

    private static List<T> Suppress<T>(List<T> sorted, Func<T, double> fx, Func<T, double> fy, Func<T, double> fr, bool useLarger)
    {
        const int Cell = 16;
        var grid = new Dictionary<long, List<int>>();

        // The clash distance is at most 1.5× the larger radius, which may be the kept detection's.
        double largest = sorted.Count == 0 ? 0 : sorted.Max(fr);
        var kept = new List<T>(sorted.Count);
        foreach (var c in sorted)
        {
            double rc = fr(c), x = fx(c), y = fy(c);
            int cx = (int)(x / Cell), cy = (int)(y / Cell);
            int reach = 1 + (int)(2 * Math.Max(Math.Max(rc, largest), 8) / Cell);
            bool clash = false;
            for (int gy = cy - reach; gy <= cy + reach && !clash; gy++)
            {
                for (int gx = cx - reach; gx <= cx + reach && !clash; gx++)
                {
                    if (!grid.TryGetValue(((long)gy << 32) ^ (uint)gx, out var list))
                    {
                        continue;
                    }

                    foreach (int k in list)
                    {
                        var s = kept[k];
                        double lim = useLarger ? Math.Max(rc, fr(s)) + (0.5 * Math.Min(rc, fr(s))) : 0.7 * Math.Min(rc, fr(s));
                        double dx = fx(s) - x, dy = fy(s) - y;
                        if ((dx * dx) + (dy * dy) < lim * lim)
                        {
                            clash = true;
                            break;
                        }
                    }
                }
            }

            if (clash)
            {
                continue;
            }

            long key = ((long)cy << 32) ^ (uint)cx;
            if (!grid.TryGetValue(key, out var l))
            {
                grid[key] = l = [];
            }

            l.Add(kept.Count);
            kept.Add(c);
        }

        return kept;
    }

    // Ink darkens skin by opacity × C(skin), C being the contrast of full-strength ink on this skin
    // (≈0.85 on light skin, ≈0.5 on very dark). Dots below VisibleOpacity of full strength are not
    // pigment that reads as a dot; pores and follicles darken skin by a fixed fraction whatever the
    // tone, so on light skin this floor separates them. C is read off the population: the 90th
    // percentile contrast of clearly sized dots (strict blobs at least 1.5× MinRadius), taken as 90%
    // opacity; the floor's 0.85 allows for defocus. Null with fewer than 20 such dots.
    private double? FullInkContrast(List<MeasuredBlob> blobs)
    {
        var strong = ClearlySized(blobs).Select(b => b.Dot.Contrast).Order().ToArray();
        return strong.Length < 20 ? null : strong[(int)(0.9 * (strong.Length - 1))] / 0.9;
    }

    // Strict blobs at least 1.5× MinRadius: the population whose contrast and colour calibrate the ink.
    private IEnumerable<MeasuredBlob> ClearlySized(IEnumerable<MeasuredBlob> blobs) => blobs.Where(b => b.Strict && b.Dot.Radius >= 1.5 * Options.MinRadius);

    // Lowest local/photo ratio of full-ink contrast and of ink cooling the floors follow (Synth's strongest
    // sheen halves the contrast of the dots under it), and the clearly sized dots a cell needs to show it.
    private const double MinVeilFactor = 0.4;
    private const int MinLocalDots = 30;

    // Pores darken every skin tone alike, by at most ≈0.35 over ≈0.1 mm (Synth: depth ≤ 0.4 before the
    // pixel footprint), so on darker skin, where full ink is only ≈0.4–0.6, they pass the visibility
    // floor. They are fainter than both half of full ink and that pore ceiling, and much smaller than
    // the dots: their ink (contrast × r²) is a small fraction of the population's. A dot that faint
    // must also be under ≈0.65× the typical radius to fall below MinRelativeInk (0.2) of the
    // 90th-percentile ink, so only pore-sized faint detections go (tuned on Synth seeds 7000+).
    private const double PoreContrastCeiling = 0.35;

    private List<PigmentDot> RejectSmallInk(List<PigmentDot> dots, double full, HashSet<(double X, double Y)>? confirmed, LocalInkField? veil)
    {
        if (dots.Count < 20 || Options.MinRelativeInk <= 0)
        {
            return dots;
        }

        var ink = dots.Select(d => d.Contrast * d.Radius * d.Radius).Order().ToArray();
        double floor = Options.MinRelativeInk * ink[(int)(0.9 * (ink.Length - 1))];
        double faint = Math.Min(0.5 * full, PoreContrastCeiling);
        dots.RemoveAll(d =>
        {
            double g = veil?.At(d.X, d.Y) ?? 1;
            return d.Contrast < g * faint && d.Contrast * d.Radius * d.Radius < g * floor && !(confirmed is not null && confirmed.Contains((d.X, d.Y)));
        });
        return dots;
    }

    // A calibration of the ink's colour needs this many clearly sized dots (as RejectFaint's population).
    private const int MinColourCalibrationDots = 20;

    // Smallest κ (cooling shift per unit contrast of the photo's dots) at which colour is used. Carbon ink
    // on the Synth tones gives 0.7 (dark) to 1.5 (very dark); below 0.2 the ink is barely cooler than
    // the skin and a pore's colour noise would decide.
    private const double MinPigmentCooling = 0.2;

    private static List<PigmentDot> StrictOnly(List<MeasuredBlob> blobs) => blobs.Where(b => b.Strict).Select(b => b.Dot).ToList();

    // Colour decides between the two things a dark blob on skin can be (see DotColour): a skin-coloured
    // depression (pore, follicle, furrow: cooling shift 0) or pigment (shift κ·contrast, κ fixed by this
    // skin, this ink and this camera, read off the photo's clearly sized dots). A blob is kept when its
    // shift is nearer the pigment model: at least PigmentColourFraction (½, the midpoint) of κ·contrast.
    // Blobs that only passed the relaxed floors must also show their colour beyond their own colour
    // noise (ColourSignificance σ): a pore's shift is 0 ± σ, so few pores pass both. Returns the kept
    // dots and those with significant pigment colour (which RejectSmallInk then spares).
    // Colour self-check (ClassifyByColour): blobs at SurelyInk × full-ink contrast or darker are darker
    // than any pore; among the small ones (radius < SmallDotRadius × MinRadius, where colour resolution
    // matters), at least MinSureInk must be present and at most MaxContradicted of them (beyond what colour
    // noise explains) may read as skin-coloured; rings that are not plain skin are left out (MaxRingSpread).
    // Raw renders and full-chroma photos contradict ≈0–2 % (hard-7011 BEFORE 7 % before grey-hair rings were left out);
    // 4:2:0 JPEG at quality 70–85 on dark skin 5–40 % (Synth tuning seeds hard-7000…7011).
    private const double SurelyInk = 0.8;
    private const double SmallDotRadius = 2.0;
    private const int MinSureInk = 5;
    private const double MaxContradicted = 0.05;

    // Ring colour spread, as a multiple of the photo's median over the sure-ink blobs, beyond which the
    // ring is not plain skin and the self-check leaves the blob out.
    private const double MaxRingSpread = 1.5;

    // Full-ink contrast below which the colour test runs (see Detect).
    private const double MaxColourFullInk = 0.6;

    /// <summary>Whether the last call's colour test decided (false: gray photo, or colour refused and the strict floors decided).</summary>
    internal bool LastUsedColour { get; private set; }

    /// <summary>The last colour self-check: small surely-ink blobs and how many of them colour called skin-coloured.</summary>
    internal (int Sure, int Contradicted) LastColourCheck { get; private set; }

    /// <summary>The last colour self-check's contradictions expected from colour noise alone.</summary>
    internal double LastColourExpected { get; private set; }

    private (List<PigmentDot> Dots, HashSet<(double X, double Y)>? Confirmed, bool Decided) ClassifyByColour(IReadOnlyList<MeasuredBlob> blobs, double? full, LocalInkField cooling)
    {
        var all = blobs.ToList();
        LastColourCheck = (0, 0);
        var o = Options;
        var ratios = new List<double>();
        foreach (var b in blobs)
        {
            if (b.Strict && b.Dot.Radius >= 1.5 * o.MinRadius && !double.IsNaN(b.CoolingShift))
            {
                ratios.Add(b.CoolingShift / b.Dot.Contrast);
            }
        }

        // Too few dots to read the ink's colour, or ink no cooler than the skin (grey skin, a photo
        // converted from gray, an unusual pigment): colour cannot tell, so the strict floors decide.
        ratios.Sort();
        double kappa = ratios.Count >= MinColourCalibrationDots ? ratios[ratios.Count / 2] : 0;
        if (kappa < MinPigmentCooling)
        {
            return ([], null, false);
        }

        // Self-check: blobs at least SurelyInk of full-ink contrast are darker than any pore, so colour
        // must call them pigment. Where it calls more than MaxContradicted of the small ones
        // skin-coloured, the photo's colour is coarser than its luminance (JPEG 4:2:0 chroma subsampling
        // and quantisation smear a small dot's colour away; on Synth hard photos saved as JPEG q70–85 the
        // test otherwise lost up to half the dots), so colour cannot judge small blobs: the strict floors
        // decide, as on a gray photo.
        if (full is double fullInk)
        {
            var sureInk = all.Where(b => b.Strict && b.Dot.Radius < SmallDotRadius * o.MinRadius && b.Dot.Contrast >= SurelyInk * fullInk && !double.IsNaN(b.CoolingShift)).ToList();

            // The test presumes the ring is plain skin. Hair or a lesion crossing it pulls its median colour
            // (grey hair: cooler, so the centre reads warm) and widens its colour spread beyond the skin's
            // noise: such blobs say nothing about the photo's colour resolution (Synth hard-7011 BEFORE: 14 of
            // its 19 contradictions lie among grey hair). Smeared colour narrows every ring's spread alike,
            // so the photo's own median spread is the reference.
            double typicalSpread = sureInk.Count == 0 ? 0 : sureInk.Select(b => b.RingSpread).Order().ElementAt(sureInk.Count / 2);
            int sure = 0, contradicted = 0;
            double expected = 0, variance = 0;
            foreach (var b in sureInk)
            {
                if (!(b.RingSpread > MaxRingSpread * typicalSpread))
                {
                    sure++;
                    double margin = (1 - o.PigmentColourFraction) * kappa * b.Dot.Contrast;
                    if (b.CoolingShift < o.PigmentColourFraction * kappa * b.Dot.Contrast)
                    {
                        contradicted++;
                    }

                    // Colour noise alone calls a pigment blob skin-coloured when its shift falls more than
                    // the margin below κ·contrast: probability Φ(−margin/σ) (on Synth's noisiest very dark
                    // tuning photos about 1 of a few hundred sure blobs; more where the blobs are fainter).
                    double p = b.CoolingSigma > 0 ? StandardNormal.Cdf(-margin / b.CoolingSigma) : 0;
                    expected += p;
                    variance += p * (1 - p);
                }
            }

            LastColourCheck = (sure, contradicted);
            LastColourExpected = expected;

            // Refused when the contradictions exceed what colour noise explains (expected + 3 sd) by more
            // than MaxContradicted of the sure blobs: smeared colour (JPEG 4:2:0) contradicts far more,
            // and it also lowers the ring's colour spread, so it does not pass as noise.
            if (sure >= MinSureInk && contradicted > expected + (3 * Math.Sqrt(variance)) + (MaxContradicted * sure))
            {
                return ([], null, false);
            }
        }

        var kept = new List<PigmentDot>(blobs.Count);
        var confirmed = new HashSet<(double X, double Y)>();
        foreach (var b in blobs)
        {
            if (double.IsNaN(b.CoolingShift))
            {
                if (b.Strict)
                {
                    kept.Add(b.Dot);
                }

                continue;
            }

            if (b.CoolingShift < o.PigmentColourFraction * kappa * cooling.At(b.Dot.X, b.Dot.Y) * b.Dot.Contrast)
            {
                continue;
            }

            bool significant = b.CoolingShift >= o.ColourSignificance * b.CoolingSigma;
            if (significant)
            {
                confirmed.Add((b.Dot.X, b.Dot.Y));
            }

            if (b.Strict || significant)
            {
                kept.Add(b.Dot);
            }
        }

        return (kept, confirmed, true);
    }

    // L2 norm of each 2-D DoG kernel of octave 0: the standard deviation of its response to unit white noise.
    private static double[] DogNoiseGains()
    {
        double k = Math.Pow(2, 1.0 / 3);
        var gains = new double[5];
        for (int j = 0; j < 5; j++)
        {
            double s1 = Math.Pow(k, j), s2 = s1 * k;

            // For sampled Gaussians ∑g² ≈ 1/(2√π σ) per axis; 2-D cross terms ∑g1g2 ≈ 1/√(2π(σ1²+σ2²)).
            double a = 1 / (2 * Math.Sqrt(Math.PI) * s1), b = 1 / (2 * Math.Sqrt(Math.PI) * s2), c = 1 / Math.Sqrt(2 * Math.PI * ((s1 * s1) + (s2 * s2)));
            gains[j] = Math.Sqrt(Math.Max(1e-12, (a * a) - (2 * c * c) + (b * b)));
        }

        return gains;
    }
}

/// <summary>
/// A measured candidate: the dot, its DoG-scale radius r0 (the skin ring's scale), whether it passed the
/// strict radius and elongation floors, and its colour evidence (<see cref="DotColour"/>: shift, its noise and
/// the ring's per-pixel colour spread; NaN until measured or without colour).
/// </summary>
internal readonly record struct MeasuredBlob(PigmentDot Dot, double R0, bool Strict, double CoolingShift, double CoolingSigma, double RingSpread = double.NaN);
