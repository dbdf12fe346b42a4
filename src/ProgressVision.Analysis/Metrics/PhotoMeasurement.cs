using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Segmentation;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Metrics;

/// <summary>Everything measured on one photo.</summary>
public sealed class PhotoMeasurement : IDisposable
{
    private PhotoMeasurement(IReadOnlyList<PigmentDot> dots, ScalpMask mask, MeasuredArea area, PhotoMetrics metrics, DensityHeatmap heatmap)
    {
        Dots = dots;
        Mask = mask;
        Area = area;
        Metrics = metrics;
        Heatmap = heatmap;
    }

    /// <summary>All dots detected on scalp (including those outside the treated area).</summary>
    public IReadOnlyList<PigmentDot> Dots { get; }

    /// <summary>Labels and treated area.</summary>
    public ScalpMask Mask { get; }

    /// <summary>The treated visible scalp V the metrics are taken over.</summary>
    public MeasuredArea Area { get; }

    /// <summary>Coverage, density, uniformity and gaps.</summary>
    public PhotoMetrics Metrics { get; }

    /// <summary>Dot density per cell.</summary>
    public DensityHeatmap Heatmap { get; }

    /// <summary>The photo's darkness planes, when kept (see <see cref="Analyse(PixelBuffer{byte}, PhotoMeasurementOptions?, PairStageTimer?, string?, bool)"/>); returned by <see cref="ReleasePlanes"/> or <see cref="Dispose"/>.</summary>
    internal DarknessPlanes? Planes { get; private set; }

    /// <summary>Returns the kept darkness planes to the pool (they may not be read afterwards).</summary>
    internal void ReleasePlanes()
    {
        Planes?.Dispose();
        Planes = null;
    }

    /// <summary>Detects dots, segments the photo and measures it.</summary>
    /// <param name="rgb">The photo.</param>
    /// <param name="options">Scale and detector settings.</param>
    /// <param name="timer">Optional stage timer (planes, dots, segment, metrics).</param>
    /// <param name="photo">Label of the photo in <paramref name="timer"/>'s entries.</param>
    /// <exception cref="ArgumentException">Not an 8-bit RGB photo.</exception>
    public static PhotoMeasurement Analyse(PixelBuffer<byte> rgb, PhotoMeasurementOptions? options = null, PairStageTimer? timer = null, string? photo = null) =>
        Analyse(rgb, options, timer, photo, keepPlanes: false);

    /// <summary>As above; with <paramref name="keepPlanes"/> the darkness planes stay readable in <see cref="Planes"/>.</summary>
    internal static PhotoMeasurement Analyse(PixelBuffer<byte> rgb, PhotoMeasurementOptions? options, PairStageTimer? timer, string? photo, bool keepPlanes)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.Channels != 3)
        {
            throw new ArgumentException($"Photo measurement needs 8-bit RGB, got {rgb.Channels} channels.", nameof(rgb));
        }

        var o = options ?? new PhotoMeasurementOptions();
        var detOptions = o.Detection ?? (o.MmPerPx is double s ? DotDetectionOptions.ForMmPerPx(s) : new DotDetectionOptions());
        DarknessPlanes planes;
        using (PairStageTimer.Start(timer, "planes", photo))
        {
            planes = DarknessPlanes.Compute(rgb, detOptions);
        }

        bool kept = false;
        try
        {
            IReadOnlyList<PigmentDot> all;
            using (PairStageTimer.Start(timer, "dots", photo))
            {
                all = new DotDetector(detOptions).Detect(planes, colour: rgb);
            }

            ScalpMask mask;
            using (PairStageTimer.Start(timer, "segment", photo))
            {
                mask = ScalpSegmentation.Segment(rgb, planes, all, o.Segmentation);
            }

            using (PairStageTimer.Start(timer, "metrics", photo))
            {
                var dots = all.Where(d => mask.LabelAt(d.X, d.Y) != ScalpLabel.Background).ToList();
                var area = MeasuredArea.FromMask(mask);
                var (metrics, heatmap) = Measure(dots, area, o);
                kept = keepPlanes;
                return new PhotoMeasurement(dots, mask, area, metrics, heatmap) { Planes = keepPlanes ? planes : null };
            }
        }
        finally
        {
            if (!kept)
            {
                planes.Dispose();
            }
        }
    }

    /// <summary>Metrics of given dots over a given V (e.g. truth masks, or another detector's dots).</summary>
    public static (PhotoMetrics Metrics, DensityHeatmap Heatmap) Measure(IReadOnlyList<PigmentDot> dots, MeasuredArea area, PhotoMeasurementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dots);
        ArgumentNullException.ThrowIfNull(area);
        var o = options ?? new PhotoMeasurementOptions();
        var counted = area.Counted(dots);
        double cell = o.MmPerPx is double s ? o.LocalGridMm / s : o.LocalGridPx;
        var uniformity = UniformityMetrics.Measure(counted, area, cell);
        var nn = UniformityMetrics.NearestNeighbourDistances(counted.Select(d => (d.X, d.Y)).ToList());
        double spacing = nn.Length == 0 ? 20 : nn.Order().ElementAt(nn.Length / 2);
        double gapD = o.MmPerPx is double g ? o.MinGapDiameterMm / g : o.MinGapDiameterSpacings * spacing;
        var gaps = GapFinder.Find(counted, area, Math.Max(4, gapD), o.MmPerPx);
        var heatmap = DensityHeatmap.Build(dots, area, Math.Max(2, o.HeatmapCellPx ?? (cell / 4)));
        var metrics = new PhotoMetrics
        {
            Coverage = CoverageMetrics.Coverage(dots, area),
            DensityPer1000Px2 = CoverageMetrics.DensityPer1000Px2(counted.Count, area),
            DensityPerCm2 = o.PixelArea is { } map ? CoverageMetrics.DensityPerCm2(counted.Count, map.AreaMm2(area))
                : o.MmPerPx is double m ? CoverageMetrics.DensityPerCm2(counted.Count, area, m) : null,
            DotCount = counted.Count,
            TreatedAreaPx = area.AreaPx,
            Uniformity = uniformity,
            Gaps = gaps,
        };
        return (metrics, heatmap);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Mask.Dispose();
        ReleasePlanes();
    }
}
