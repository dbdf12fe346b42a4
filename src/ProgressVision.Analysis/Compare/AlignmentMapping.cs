using ProgressVision.Analysis.Registration;

namespace ProgressVision.Analysis.Compare;

/// <summary>The inverse direction of an <see cref="Alignment"/>: BEFORE pixels to AFTER pixels.</summary>
public static class AlignmentMapping
{
    /// <summary>
    /// The mapping from BEFORE pixels to AFTER pixels. Inverts the homography exactly (once, here, not
    /// per point: the mapping is evaluated for every warp lattice node and every dot) and the smooth
    /// non-rigid part by fixed-point iteration q ← H⁻¹(p − d(q)), which converges in a few steps because
    /// the correction d is small (a few px) and varies slowly.
    /// </summary>
    public static Func<double, double, (double X, double Y)> BeforeToAfter(this Alignment alignment)
    {
        var inverse = alignment.AfterToBefore.Inverse();
        var field = alignment.Field;
        if (field is null)
        {
            return inverse.Map;
        }

        return (x, y) =>
        {
            var q = inverse.Map(x, y);
            for (int i = 0; i < 4; i++)
            {
                var (dx, dy) = field.At(q.X, q.Y);
                q = inverse.Map(x - dx, y - dy);
            }

            return q;
        };
    }
}
