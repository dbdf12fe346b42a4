using ProgressVision.Analysis.Registration;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Compare;

/// <summary>The inverse direction of an <see cref="Alignment"/>: BEFORE pixels to AFTER pixels.</summary>
public static class AlignmentMapping
{
    /// <summary>
    /// The mapping from BEFORE pixels to AFTER pixels. Inverts the homography exactly (once, here, not
    /// per point: the mapping is evaluated for every warp lattice node and every dot) and the smooth
    /// non-rigid part by <see cref="Invert"/>.
    /// </summary>
    public static Func<double, double, (double X, double Y)> BeforeToAfter(this Alignment alignment)
    {
        var inverse = alignment.AfterToBefore.Inverse();
        var field = alignment.Field;
        if (field is null)
        {
            return inverse.Map;
        }

        return (x, y) => Invert(inverse, field.At, x, y, 4);
    }

    /// <summary>
    /// AFTER coordinates of BEFORE pixel (x, y) under "homography H, then a correction d(q) added in BEFORE
    /// pixels": fixed-point iteration q ← H⁻¹(p − d(q)) from q = H⁻¹p, which converges in a few steps because
    /// d is small (a few px) and varies slowly.
    /// </summary>
    /// <param name="inverse">H⁻¹ (BEFORE pixels to AFTER pixels).</param>
    /// <param name="correction">d at an AFTER pixel.</param>
    /// <param name="x">BEFORE x.</param>
    /// <param name="y">BEFORE y.</param>
    /// <param name="iterations">Fixed-point steps.</param>
    internal static (double X, double Y) Invert(Homography inverse, Func<double, double, (double Dx, double Dy)> correction, double x, double y, int iterations)
    {
        var q = inverse.Map(x, y);
        for (int i = 0; i < iterations; i++)
        {
            var (dx, dy) = correction(q.X, q.Y);
            q = inverse.Map(x - dx, y - dy);
        }

        return q;
    }
}
