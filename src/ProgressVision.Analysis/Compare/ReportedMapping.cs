using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Compare;

/// <summary>
/// The AFTER→BEFORE mapping a stored <see cref="AlignmentReport"/> describes, for readers of a result
/// (portfolios, overlays) that no longer have the live <see cref="Registration.Alignment"/>: the warp
/// grid where it is defined (it supersedes the homography, as the result contract says), the
/// homography elsewhere.
/// </summary>
public sealed class ReportedMapping
{
    private readonly Homography _afterToBefore;
    private readonly Homography _beforeToAfter;
    private readonly WarpGrid? _grid;

    // The grid as a correction on top of the homography, d = grid − H at each node, NaN where the grid
    // is undefined: the correction is small and smooth, so it interpolates and inverts well, while
    // the grid's absolute coordinates are not linear in a perspective view.
    private readonly double[]? _dx;
    private readonly double[]? _dy;

    private ReportedMapping(Homography afterToBefore, WarpGrid? grid)
    {
        _afterToBefore = afterToBefore;
        _beforeToAfter = afterToBefore.Inverse();
        if (grid is null)
        {
            return;
        }

        if (grid.Step <= 0 || grid.Cols <= 0 || grid.Rows <= 0 || grid.X.Length != grid.Cols * grid.Rows || grid.Y.Length != grid.X.Length)
        {
            throw new ArgumentException($"warp grid {grid.Cols}×{grid.Rows} (step {grid.Step}) does not match its {grid.X.Length}/{grid.Y.Length} coordinates", nameof(grid));
        }

        _grid = grid;
        _dx = new double[grid.X.Length];
        _dy = new double[grid.X.Length];
        for (int r = 0; r < grid.Rows; r++)
        {
            for (int c = 0; c < grid.Cols; c++)
            {
                int i = (r * grid.Cols) + c;
                var (hx, hy) = afterToBefore.Map(c * grid.Step, r * grid.Step);
                bool defined = grid.X[i] is not null && grid.Y[i] is not null;
                _dx[i] = defined ? grid.X[i]!.Value - hx : double.NaN;
                _dy[i] = defined ? grid.Y[i]!.Value - hy : double.NaN;
            }
        }
    }

    /// <summary>Whether a non-rigid warp grid takes part (false: the homography alone).</summary>
    public bool HasWarpGrid => _grid is not null;

    /// <summary>Reads the mapping of a result's alignment section.</summary>
    /// <exception cref="ArgumentException">The homography is not 9 finite numbers, is singular, or the warp grid is malformed.</exception>
    public static ReportedMapping From(AlignmentReport alignment)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        return new ReportedMapping(Checked(alignment.Homography, nameof(alignment)), alignment.WarpGrid);
    }

    /// <summary>The mapping of a homography alone (9 numbers, row-major, AFTER pixels to BEFORE pixels).</summary>
    /// <exception cref="ArgumentException">Not 9 finite numbers, or singular.</exception>
    public static ReportedMapping FromHomography(double[] afterToBefore) => new(Checked(afterToBefore, nameof(afterToBefore)), null);

    private static Homography Checked(double[]? m, string parameter)
    {
        if (m is not { Length: 9 } || m.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("alignment.homography must be 9 finite numbers", parameter);
        }

        var h = Homography.FromArray(m);
        if (Math.Abs(h.Determinant) < 1e-12)
        {
            throw new ArgumentException("alignment.homography is singular", parameter);
        }

        return h;
    }

    /// <summary>BEFORE coordinates of AFTER pixel (x, y).</summary>
    public (double X, double Y) AfterToBefore(double x, double y)
    {
        var (bx, by) = _afterToBefore.Map(x, y);
        var (dx, dy) = Correction(x, y);
        return (bx + dx, by + dy);
    }

    /// <summary>
    /// AFTER coordinates of BEFORE pixel (x, y): the homography inverted exactly and the correction by
    /// fixed-point iteration (see <see cref="AlignmentMapping.Invert"/>).
    /// </summary>
    public (double X, double Y) BeforeToAfter(double x, double y) =>
        _grid is null ? _beforeToAfter.Map(x, y) : AlignmentMapping.Invert(_beforeToAfter, Correction, x, y, 5);

    // Bilinear interpolation of the correction between the four surrounding nodes, over the defined
    // ones only (weights renormalised); zero where none is defined, i.e. the homography alone.
    private (double Dx, double Dy) Correction(double x, double y)
    {
        if (_grid is not { } g)
        {
            return (0, 0);
        }

        double gx = Math.Clamp(x / g.Step, 0, g.Cols - 1), gy = Math.Clamp(y / g.Step, 0, g.Rows - 1);
        int c0 = Math.Min((int)gx, Math.Max(0, g.Cols - 2)), r0 = Math.Min((int)gy, Math.Max(0, g.Rows - 2));
        double fx = gx - c0, fy = gy - r0;
        double sx = 0, sy = 0, sw = 0;
        for (int j = 0; j < 2; j++)
        {
            for (int i = 0; i < 2; i++)
            {
                int c = Math.Min(c0 + i, g.Cols - 1), r = Math.Min(r0 + j, g.Rows - 1);
                double w = (i == 0 ? 1 - fx : fx) * (j == 0 ? 1 - fy : fy);
                double dx = _dx![(r * g.Cols) + c];
                if (w <= 0 || double.IsNaN(dx))
                {
                    continue;
                }

                sx += w * dx;
                sy += w * _dy![(r * g.Cols) + c];
                sw += w;
            }
        }

        return sw <= 1e-9 ? (0, 0) : (sx / sw, sy / sw);
    }
}
