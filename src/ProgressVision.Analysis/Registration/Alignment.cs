using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// How an AFTER photo maps onto a BEFORE photo of the same scalp area, with the evidence for it.
/// Coordinates are full-resolution pixels, OpenCV convention (pixel centres at integers).
/// </summary>
public sealed class Alignment
{
    internal Alignment(
        Homography afterToBefore, DisplacementField? field, int inliers, int matches, double residualPx,
        double overlap, double quality, int beforeWidth, int beforeHeight, int afterWidth, int afterHeight)
    {
        AfterToBefore = afterToBefore;
        Field = field;
        Inliers = inliers;
        Matches = matches;
        ResidualPx = residualPx;
        Overlap = overlap;
        Quality = quality;
        BeforeWidth = beforeWidth;
        BeforeHeight = beforeHeight;
        AfterWidth = afterWidth;
        AfterHeight = afterHeight;
    }

    /// <summary>Best projective transform from AFTER pixels to BEFORE pixels.</summary>
    public Homography AfterToBefore { get; }

    /// <summary>Smooth non-rigid correction on top of <see cref="AfterToBefore"/>, when it helped.</summary>
    public DisplacementField? Field { get; }

    /// <summary>Feature matches consistent with the homography.</summary>
    public int Inliers { get; }

    /// <summary>Feature matches that passed the ratio test and cross-check.</summary>
    public int Matches { get; }

    /// <summary>RMS distance (full-resolution pixels) between matched inlier features after alignment.</summary>
    public double ResidualPx { get; }

    /// <summary>Fraction of BEFORE covered by the mapped AFTER photo.</summary>
    public double Overlap { get; }

    /// <summary>
    /// Correlation (−1..1) of the illumination-normalised photos after alignment, over textured pixels,
    /// measured with the photos reduced to at most 800 px (where sensor noise no longer dominates);
    /// about 0.35–0.9 for a right alignment, below 0.1 for photos of different places.
    /// </summary>
    public double Quality { get; }

    /// <summary>
    /// Correlation (−1..1) of the aligned, illumination-normalised photos reduced to at most 200 px, where
    /// pigment dots and stubble vanish and the head outline, ears, hairline and shading remain. Measured only when
    /// <see cref="Quality"/> fell short of <see cref="RegistrationOptions.MinCorrelation"/>; NaN otherwise.
    /// </summary>
    public double StructuralQuality { get; init; } = double.NaN;

    /// <summary>
    /// True when <see cref="Quality"/> was below <see cref="RegistrationOptions.MinCorrelation"/> (the fine
    /// texture changed, e.g. a first SMP session covered the scalp with dots) and the alignment was accepted
    /// because <see cref="StructuralQuality"/> reached <see cref="RegistrationOptions.MinStructuralCorrelation"/>.
    /// </summary>
    public bool AcceptedOnStructure { get; init; }

    /// <summary>BEFORE width in pixels.</summary>
    public int BeforeWidth { get; }

    /// <summary>BEFORE height in pixels.</summary>
    public int BeforeHeight { get; }

    /// <summary>AFTER width in pixels.</summary>
    public int AfterWidth { get; }

    /// <summary>AFTER height in pixels.</summary>
    public int AfterHeight { get; }

    /// <summary>BEFORE coordinates of AFTER pixel (x, y): the homography plus the non-rigid correction if any.</summary>
    public (double X, double Y) MapAfterToBefore(double x, double y)
    {
        var (bx, by) = AfterToBefore.Map(x, y);
        if (Field is null)
        {
            return (bx, by);
        }

        var (dx, dy) = Field.At(x, y);
        return (bx + dx, by + dy);
    }

    /// <summary>
    /// The warp grid of the result contract: BEFORE coordinates of AFTER pixel (c·step, r·step), null
    /// where the point falls outside BEFORE. Null when there is no non-rigid correction.
    /// </summary>
    public WarpGrid? ToWarpGrid()
    {
        if (Field is null)
        {
            return null;
        }

        int step = Math.Max(1, (int)Math.Round(Field.Step));
        int cols = ((AfterWidth - 1 + step - 1) / step) + 1, rows = ((AfterHeight - 1 + step - 1) / step) + 1;
        var xs = new double?[cols * rows];
        var ys = new double?[cols * rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                var (bx, by) = MapAfterToBefore(c * step, r * step);
                bool inside = bx >= -0.5 && by >= -0.5 && bx <= BeforeWidth - 0.5 && by <= BeforeHeight - 0.5;
                if (inside)
                {
                    xs[(r * cols) + c] = Math.Round(bx, 3);
                    ys[(r * cols) + c] = Math.Round(by, 3);
                }
            }
        }

        return new WarpGrid(step, cols, rows, xs, ys);
    }

    /// <summary>The alignment section of <c>result.json</c>.</summary>
    public AlignmentReport ToReport() => new()
    {
        Homography = AfterToBefore.ToArray(),
        Inliers = Inliers,
        Matches = Matches,
        ResidualPx = ResidualPx,
        Overlap = Overlap,
        WarpGrid = ToWarpGrid(),
        StructuralCorrelation = AcceptedOnStructure ? Math.Round(StructuralQuality, 3) : null,
    };
}
