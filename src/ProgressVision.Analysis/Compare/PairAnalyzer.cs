using System.Globalization;
using System.Security.Cryptography;
using ProgressVision.Analysis.Change;
using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Healing;
using ProgressVision.Analysis.Metrics;
using ProgressVision.Analysis.Registration;
using ProgressVision.Analysis.Segmentation;
using ProgressVision.Imaging;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Compare;

/// <summary>
/// The <c>compare</c> pipeline: decode both photos (EXIF orientation applied), refuse composites and
/// unusable photos, align AFTER onto BEFORE, segment and find dots in each, measure coverage, density
/// and uniformity, match dots across sessions, run the healing model, and recommend.
/// </summary>
public sealed class PairAnalyzer(PairAnalysisOptions options, HealingModel? healingModel = null) : IPairAnalysis
{
    /// <inheritdoc />
    public string? ModelSha256 => healingModel?.Sha256;

    /// <summary>When set, every run records its stages' wall times here.</summary>
    public PairStageTimer? Timer { get; init; }

    /// <inheritdoc />
    public PairAnalysisOutput Analyze(string beforePath, string afterPath, CancellationToken cancellationToken = default)
    {
        using var analysis = AnalyzeDetailed(beforePath, afterPath, null, cancellationToken);
        return new PairAnalysisOutput(
            analysis.Result,
            analysis.BeforeMeasurement.Dots.Select(d => new DotCentre(d.X, d.Y)).ToList(),
            analysis.AfterMeasurement.Dots.Select(d => new DotCentre(d.X, d.Y)).ToList());
    }

    /// <inheritdoc />
    public PairAnalysisOutput Analyze(string beforePath, string afterPath, PairContext context, CancellationToken cancellationToken = default)
    {
        var withContext = new PairAnalyzer(options with
        {
            LastSessionDate = context.LastSessionDate ?? options.LastSessionDate,
            AfterPhotoDate = context.AfterPhotoDate ?? options.AfterPhotoDate,
            BeforePhotoDate = context.BeforePhotoDate ?? options.BeforePhotoDate,
            MmPerPx = context.MmPerPx ?? options.MmPerPx,
            Targets = context.Targets ?? options.Targets,
        }, healingModel) { Timer = Timer };
        return withContext.Analyze(beforePath, afterPath, cancellationToken);
    }

    /// <summary>Runs the pipeline and keeps the intermediate images for the picture outputs.</summary>
    /// <exception cref="InvalidImageException">A photo cannot be decoded.</exception>
    /// <exception cref="PhotoInputException">A photo is too small, has no colour, or is a composite.</exception>
    /// <exception cref="AlignmentFailedException">The photos do not show the same area.</exception>
    public PairAnalysis AnalyzeDetailed(string beforePath, string afterPath, IProgress<(double Fraction, string Status)>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report((0.0, "decoding"));

        // The two photos decode and validate at once (the JPEG decoder and the composite check are
        // sequential per photo). A BEFORE problem is reported first, as if read one after the other.
        var afterLoad = Task.Run(() => Load(afterPath, "after"), CancellationToken.None);
        LoadedPhoto before;
        try
        {
            before = Load(beforePath, "before");
        }
        catch
        {
            DisposeWhenDone(afterLoad, a => a.Rgb.Dispose());
            throw;
        }

        LoadedPhoto after;
        try
        {
            after = afterLoad.GetAwaiter().GetResult();
        }
        catch
        {
            before.Rgb.Dispose();
            throw;
        }

        return AnalyzeDetailed(before, after, progress, cancellationToken);
    }

    /// <summary>
    /// Runs the pipeline on photos already in memory (takes ownership of both buffers: they are
    /// disposed with the returned analysis, or on failure).
    /// </summary>
    public PairAnalysis AnalyzeDetailed(LoadedPhoto beforePhoto, LoadedPhoto afterPhoto, IProgress<(double Fraction, string Status)>? progress = null, CancellationToken cancellationToken = default)
    {
        var (beforeInfo, before, beforeMeta) = beforePhoto;
        PixelBuffer<byte>? after = afterPhoto.Rgb, afterOnBefore = null, valid = null;
        PhotoMeasurement? mb = null, ma = null;
        Task<PhotoMeasurement>? beforeMeasure = null;
        Task? warp = null;
        try
        {
            var loaded = afterPhoto;
            var afterMeta = loaded.Meta;
            cancellationToken.ThrowIfCancellationRequested();

            // BEFORE is measured at its own given scale: that needs nothing from the alignment, so it
            // runs while the photos are aligned.
            var measureOptions = new PhotoMeasurementOptions { MmPerPx = options.MmPerPx };
            beforeMeasure = Task.Run(() => PhotoMeasurement.Analyse(before, measureOptions, Timer, "before"), CancellationToken.None);

            progress?.Report((0.1, "aligning"));
            Alignment alignment;
            using (PairStageTimer.Start(Timer, "register"))
            {
                alignment = options.KnownAlignment ?? new ScalpRegistration(options.Registration).Align(before, after);
            }

            cancellationToken.ThrowIfCancellationRequested();

            // AFTER warped onto BEFORE needs only the alignment: it runs while AFTER is measured.
            var beforeToAfter = alignment.BeforeToAfter();
            afterOnBefore = new PixelBuffer<byte>(before.Width, before.Height, 3, clear: false);
            valid = new PixelBuffer<byte>(before.Width, before.Height, 1, clear: false);
            var (warpSource, warpTarget, warpValid) = (after, afterOnBefore, valid);
            warp = Task.Run(() =>
            {
                using (PairStageTimer.Start(Timer, "warp"))
                {
                    MappedWarp.WarpRgb(warpSource, warpTarget, beforeToAfter, warpValid);
                }
            }, CancellationToken.None);

            progress?.Report((0.35, "finding dots"));
            // The AFTER photo may be at another distance and angle: each AFTER pixel covers BEFORE's mm² times
            // the local areal scale of the mapping, which varies across the photo under perspective.
            var afterOptions = measureOptions;
            if (options.MmPerPx is double beforeMmPerPx)
            {
                var afterArea = PixelAreaMap.FromMapping(alignment.MapAfterToBefore, beforeMmPerPx, after.Width, after.Height);
                afterOptions = measureOptions with { MmPerPx = afterArea.MmPerPxAt(after.Width / 2, after.Height / 2), PixelArea = afterArea };
            }

            // AFTER keeps its darkness planes until the dot change has looked for the BEFORE dots its detector missed.
            ma = PhotoMeasurement.Analyse(after, afterOptions, Timer, "after", keepPlanes: true);
            mb = beforeMeasure.GetAwaiter().GetResult();
            beforeMeasure = null;
            cancellationToken.ThrowIfCancellationRequested();

            progress?.Report((0.7, "matching dots"));
            var beforeM = mb;
            var afterM = ma;
            DotChangeAnalysis.DotChangeResult change;
            using (PairStageTimer.Start(Timer, "change"))
            {
                change = DotChangeAnalysis.Compare(
                    beforeM.Area.Counted(beforeM.Dots),
                    afterM.Dots,
                    alignment.MapAfterToBefore,
                    (x, y) =>
                    {
                        var (ax, ay) = beforeToAfter(x, y);
                        return afterM.Mask.LabelAt(ax, ay) == ScalpLabel.Scalp;
                    },
                    (x, y) => beforeM.Area.Contains((int)Math.Round(x), (int)Math.Round(y)),
                    options.MmPerPx is double mmPerPx ? new DotChangeOptions { LocalTransferRadiusPx = DotChangeOptions.LocalTransferRadiusMm / mmPerPx } : null,
                    afterM.Planes is { } planes ? bd => ProbeAfter(planes, bd, beforeToAfter, alignment.MapAfterToBefore) : null);
                afterM.ReleasePlanes();
            }

            warp.GetAwaiter().GetResult();
            warp = null;

            var warnings = new List<string>();
            if (alignment.AcceptedOnStructure)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"alignment accepted on structure (head outline and shading at ≤ 200 px correlate r = {alignment.StructuralQuality:0.00}; the fine texture does not, r = {alignment.Quality:0.00}, as after a first session): check the overlay; dot change, fade and blowout are not judged"));
            }

            int? daysSince = DaysSinceSession(afterMeta, options.AfterPhotoDate);
            var flags = new List<HealingFlag>();
            if (healingModel is not null)
            {
                progress?.Report((0.8, "healing model"));
                using var healingTime = PairStageTimer.Start(Timer, "healing");
                var samples = DotChangeSample.From(change.Entries, alignment.MapAfterToBefore, change.FadedBelow);
                var healing = new HealingAnalyzer(healingModel).Analyze(before, afterOnBefore, valid, samples, (tx, ty) =>
                {
                    // Only tiles centred on BEFORE scalp (not background): healing is a scalp question.
                    const int half = HealingTileLayout.TileSize * HealingTileLayout.Downscale / 2;
                    int f = HealingTileLayout.Downscale;
                    return beforeM.Mask.LabelAt((tx * f) + half, (ty * f) + half) != ScalpLabel.Background;
                });
                flags.AddRange(GateByDays(DotJudgedOnlyIfComparable(healing.Flags, alignment, warnings).ToList(), daysSince, warnings));
                // An over-exposed photo hides redness (its clipped skin is left out of the measure): say so, or a
                // pair with no redness flag would read as healed skin.
                foreach (var (name, photo) in new[] { ("BEFORE", before), ("AFTER", afterOnBefore) })
                {
                    double clipped = ClippedColour.Share(photo, valid);
                    if (clipped > ClippedColour.WarnShare)
                    {
                        warnings.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{name} photo over-exposed: colour clipped (a channel at {ClippedColour.Level} or more) over {clipped:0%} of the compared area, where neither redness nor dot contrast can be measured; retake it with less light or exposure"));
                    }
                }
                // A proposal the measures overruled is still worth a look: say where and why it was dropped.
                foreach (var u in healing.Unconfirmed)
                {
                    string why = string.Join(", ", u.Evidence.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0.##}")));
                    string note = u.Note is null ? "" : $"{u.Note}; ";
                    warnings.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{u.Type} proposed by the model at {BoxText.Of(u.Box)} (score {u.Score:0.00}) not confirmed by the measures ({note}{why}); not flagged"));
                }
            }
            else
            {
                warnings.Add("no healing model loaded: healing flags were not evaluated");
            }

            if (daysSince is int d && d < options.Targets.MinDaysToJudgeFade)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"AFTER photo taken {d} days after the session: too soon to judge fade (wait until day {options.Targets.MinDaysToJudgeFade})"));
            }

            var alignmentReport = alignment.ToReport();
            var afterMetrics = WithRecoveredDots(afterM, change, afterOptions);
            var recommendation = SessionRecommender.Recommend(afterMetrics, SessionRecommender.JudgedChange(alignmentReport, change.Summary), flags, daysSince, options.MmPerPx, options.Targets);
            var afterInfo = loaded.Info with { DaysSinceSession = daysSince };
            var result = new CompareResult
            {
                Version = options.Version,
                Inputs = new PhotoPair(beforeInfo with { DaysSinceSession = DaysSinceSession(beforeMeta, options.BeforePhotoDate) }, afterInfo),
                Alignment = alignmentReport,
                Before = beforeM.Metrics,
                After = afterMetrics,
                Change = change.Summary,
                Flags = flags,
                ModelSha256 = healingModel?.Sha256,
                Recommendation = recommendation,
                Warnings = warnings,
            };
            progress?.Report((1.0, "done"));
            return new PairAnalysis(result, before, after, afterOnBefore, valid, alignment, beforeM, afterM, change);
        }
        catch
        {
            // Work still running reads the buffers: it must end before they go back to the pool.
            DisposeWhenDone(beforeMeasure, m => m.Dispose());
            WaitQuietly(warp);
            before.Dispose();
            after?.Dispose();
            afterOnBefore?.Dispose();
            valid?.Dispose();
            mb?.Dispose();
            ma?.Dispose();
            throw;
        }
    }

    // A BEFORE dot the AFTER detector missed, but whose mapped place in AFTER still holds a dot of its contrast (the
    // probe below), is an AFTER dot: counted with the detected ones, an "empty patch" over the detector's misses is not
    // reported as one. The dots already matched are the detector's own, so only the probe's finds are added.
    private static PhotoMetrics WithRecoveredDots(PhotoMeasurement after, DotChangeAnalysis.DotChangeResult change, PhotoMeasurementOptions options)
    {
        var recovered = change.Entries.Where(e => e.FoundByProbe).Select(e => e.After!.Value).ToList();
        if (recovered.Count == 0)
        {
            return after.Metrics;
        }

        var (metrics, _) = PhotoMeasurement.Measure([.. after.Dots, .. recovered], after.Area, options);
        return metrics with { RecoveredDots = after.Area.Counted(recovered).Count };
    }

    // The dot the AFTER photo shows where BEFORE dot bd should be: its radial profile measured at the mapped centre
    // with bd's radius put in AFTER pixels (no search: a neighbouring dot is at least two radii away), or null when
    // there is no dark centre there.
    private static PigmentDot? ProbeAfter(DarknessPlanes planes, PigmentDot bd, Func<double, double, (double X, double Y)> beforeToAfter,
        Func<double, double, (double X, double Y)> afterToBefore)
    {
        var (ax, ay) = beforeToAfter(bd.X, bd.Y);
        double r0 = bd.Radius / MappingScale.At(afterToBefore, ax, ay);
        return DotProfile.Measure(planes.Darkness, planes.Width, planes.Height, ax, ay, r0, out double contrast, out double radius)
            ? new PigmentDot(ax, ay, radius, contrast, 0)
            : null;
    }

    // Waits for background work abandoned by a failure and disposes its result; its own failure
    // is secondary to the one being reported and is dropped.
    private static void DisposeWhenDone<T>(Task<T>? task, Action<T> dispose)
    {
        WaitQuietly(task);
        if (task is { IsCompletedSuccessfully: true })
        {
            dispose(task.Result);
        }
    }

    private static void WaitQuietly(Task? task)
    {
        try
        {
            task?.Wait();
        }
        catch (AggregateException)
        {
            // Already failing with the first error.
        }
    }

    // An alignment accepted on structure (head outline and shading) is one whose fine texture does not correspond: as
    // after a first session, when BEFORE holds no pigment and the "dots" found there are stubble and follicles. Fade and
    // blowout are changes of the same dots between the photos, so they are not judged there (on the real first-session
    // pair afonso_scar, 2411 of 2707 BEFORE "dots" read lost and the model proposed blowout five times over new work);
    // redness is measured against the same photo's skin and stands.
    private static IEnumerable<HealingFlag> DotJudgedOnlyIfComparable(IReadOnlyList<HealingFlag> flags, Alignment alignment, List<string> warnings)
    {
        foreach (var f in flags)
        {
            if (alignment.AcceptedOnStructure && f.Type is HealingFlagTypes.PatchyFade or HealingFlagTypes.Blowout)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"possible {f.Type} at {BoxText.Of(f.Box)} (score {f.Score:0.00}) not judged: the photos were aligned on structure, so their dots do not correspond"));
                continue;
            }

            yield return f;
        }
    }

    // Redness within the expected window is normal healing, not a flag; fade is not judged too early.
    private IEnumerable<HealingFlag> GateByDays(IReadOnlyList<HealingFlag> flags, int? daysSince, List<string> warnings)
    {
        foreach (var f in flags)
        {
            string box = BoxText.Of(f.Box);
            if (daysSince is int d && f.Type == HealingFlagTypes.Redness && d < options.Targets.RednessWindowDays)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"redness at {box} (score {f.Score:0.00}) {d} days after the session is expected healing, not persistent"));
                continue;
            }

            if (daysSince is int d2 && f.Type == HealingFlagTypes.PatchyFade && d2 < options.Targets.MinDaysToJudgeFade)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"possible fade at {box} (score {f.Score:0.00}) not judged: photo taken {d2} days after the session"));
                continue;
            }

            yield return f;
        }
    }

    private int? DaysSinceSession(ImageMetadata meta, DateOnly? photoDate)
    {
        if (options.LastSessionDate is not DateOnly session)
        {
            return null;
        }

        DateOnly? taken = photoDate ?? (meta.CaptureDate is DateTime c ? DateOnly.FromDateTime(c) : null);
        return taken is DateOnly t ? t.DayNumber - session.DayNumber : null;
    }

    /// <summary>Reads, hashes, decodes and checks one photo.</summary>
    /// <exception cref="InvalidImageException">Missing, unreadable or undecodable.</exception>
    /// <exception cref="PhotoInputException">Too small, grayscale, or a composite.</exception>
    public LoadedPhoto Load(string path) => Load(path, null);

    private LoadedPhoto Load(string path, string? photo)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidImageException(path, ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file ({ex.Message})", ex);
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // The decoded buffer becomes the photo (no copy); it is disposed here only on rejection.
        DecodedImage decoded;
        using (PairStageTimer.Start(Timer, "decode", photo))
        {
            decoded = ImageCodecs.Decode(bytes, path);
        }

        try
        {
            using var validateTime = PairStageTimer.Start(Timer, "validate", photo);
            Validate(decoded, path);
        }
        catch
        {
            decoded.Dispose();
            throw;
        }

        var rgb = decoded.Pixels;
        DateTimeOffset? captured = decoded.Metadata.CaptureDate is DateTime dt ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Unspecified), TimeSpan.Zero) : null;
        return new LoadedPhoto(new PhotoInfo(path, sha, rgb.Width, rgb.Height, captured, null), rgb, decoded.Metadata);
    }

    /// <summary>Checks a decoded photo can be analysed (size, colour, not a composite).</summary>
    /// <exception cref="PhotoInputException">It cannot.</exception>
    public void Validate(DecodedImage decoded, string path)
    {
        if (Math.Min(decoded.Width, decoded.Height) < options.MinDimension)
        {
            throw new PhotoInputException(path, $"{decoded.Width}x{decoded.Height} is too small to analyse (the shorter side must be at least {options.MinDimension} px)");
        }

        if (decoded.Pixels.Channels < 3 || !HasColour(decoded.Pixels))
        {
            throw new PhotoInputException(path, "the photo is grayscale; skin, hair and redness need a colour photo");
        }

        if (CompositeDetector.Find(decoded.Pixels) is { } seam)
        {
            throw new PhotoInputException(path, string.Create(CultureInfo.InvariantCulture,
                $"this looks like a before/after composite ({(seam.Vertical ? "side by side, seam at column" : "stacked, seam at row")} {seam.Position}); give the two photos as separate files"));
        }
    }

    // A colour photo has pixels whose channels differ; sample a lattice rather than all pixels.
    private static bool HasColour(PixelBuffer<byte> rgb)
    {
        int step = Math.Max(1, (rgb.Width * rgb.Height) / 50_000), coloured = 0, n = 0;
        var span = rgb.Span;
        for (int i = 0; i + 2 < span.Length; i += step * rgb.Channels)
        {
            int spread = Math.Max(Math.Abs(span[i] - span[i + 1]), Math.Abs(span[i + 1] - span[i + 2]));
            coloured += spread > 6 ? 1 : 0;
            n++;
        }

        return coloured > n / 50;
    }
}

/// <summary>A decoded, checked photo: its facts, RGB pixels (EXIF orientation applied) and metadata.</summary>
public sealed record LoadedPhoto(PhotoInfo Info, PixelBuffer<byte> Rgb, ImageMetadata Meta);
