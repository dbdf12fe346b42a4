using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Segmentation;

namespace ProgressVision.Analysis.Metrics;

/// <summary>Scale and thresholds of <see cref="PhotoMeasurement"/>.</summary>
public sealed record PhotoMeasurementOptions
{
    /// <summary>Millimetres per pixel (<c>--mm-per-px</c>); null when unknown.</summary>
    public double? MmPerPx { get; init; }

    /// <summary>
    /// Per-pixel world area when it varies across the photo (an AFTER photo measured through the alignment
    /// onto the calibrated BEFORE); null means every pixel is <see cref="MmPerPx"/>². Used for density per cm².
    /// </summary>
    public PixelAreaMap? PixelArea { get; init; }

    /// <summary>Local-density grid cell, mm (used when <see cref="MmPerPx"/> is known).</summary>
    public double LocalGridMm { get; init; } = 5.0;

    /// <summary>Local-density grid cell when the scale is unknown, px (5 mm at 0.05 mm/px).</summary>
    public double LocalGridPx { get; init; } = 100;

    /// <summary>Smallest gap diameter, mm (used when <see cref="MmPerPx"/> is known).</summary>
    public double MinGapDiameterMm { get; init; } = 3.0;

    /// <summary>Smallest gap diameter when the scale is unknown, in median dot spacings.</summary>
    public double MinGapDiameterSpacings { get; init; } = 2.5;

    /// <summary>Heatmap cell, px (default: a quarter of the local-density cell).</summary>
    public double? HeatmapCellPx { get; init; }

    /// <summary>Detector options (default: <see cref="DotDetectionOptions.ForMmPerPx"/> when the scale is known).</summary>
    public DotDetectionOptions? Detection { get; init; }

    /// <summary>Segmentation options.</summary>
    public SegmentationOptions? Segmentation { get; init; }
}
