namespace ProgressVision.Analysis.Registration;

/// <summary>
/// A smooth correction added to a homography: BEFORE-pixel displacement sampled on a regular grid
/// of AFTER pixels (node (c, r) sits at AFTER pixel (c·Step, r·Step)) and interpolated bilinearly.
/// Every node has a value (regularisation extends it over textureless parts); <see cref="Defined"/>
/// says which nodes were backed by image data inside both photos.
/// </summary>
public sealed class DisplacementField
{
    /// <summary>Creates a field; the arrays are row-major, length cols × rows, and are kept (not copied).</summary>
    public DisplacementField(double step, int cols, int rows, double[] dx, double[] dy, bool[] defined)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        int n = cols * rows;
        if (dx.Length != n || dy.Length != n || defined.Length != n)
        {
            throw new ArgumentException($"Field arrays must hold {cols}×{rows} = {n} nodes.", nameof(dx));
        }

        Step = step;
        Cols = cols;
        Rows = rows;
        Dx = dx;
        Dy = dy;
        Defined = defined;
    }

    /// <summary>Node spacing in AFTER pixels.</summary>
    public double Step { get; }

    /// <summary>Nodes per row.</summary>
    public int Cols { get; }

    /// <summary>Node rows.</summary>
    public int Rows { get; }

    /// <summary>X displacement (BEFORE pixels) per node.</summary>
    public double[] Dx { get; }

    /// <summary>Y displacement (BEFORE pixels) per node.</summary>
    public double[] Dy { get; }

    /// <summary>Nodes backed by data in both photos.</summary>
    public bool[] Defined { get; }

    /// <summary>Largest displacement length over all nodes.</summary>
    public double MaxMagnitude
    {
        get
        {
            double m = 0;
            for (int i = 0; i < Dx.Length; i++)
            {
                m = Math.Max(m, Math.Sqrt((Dx[i] * Dx[i]) + (Dy[i] * Dy[i])));
            }

            return m;
        }
    }

    /// <summary>Bilinear displacement at AFTER pixel (x, y); clamped to the grid outside it.</summary>
    public (double Dx, double Dy) At(double x, double y)
    {
        double gx = Math.Clamp(x / Step, 0, Cols - 1), gy = Math.Clamp(y / Step, 0, Rows - 1);
        int c0 = Math.Min((int)gx, Cols - 2), r0 = Math.Min((int)gy, Rows - 2);
        double fx = gx - c0, fy = gy - r0;
        int i = (r0 * Cols) + c0;
        double w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
        return (
            (w00 * Dx[i]) + (w10 * Dx[i + 1]) + (w01 * Dx[i + Cols]) + (w11 * Dx[i + Cols + 1]),
            (w00 * Dy[i]) + (w10 * Dy[i + 1]) + (w01 * Dy[i + Cols]) + (w11 * Dy[i + Cols + 1]));
    }
}
