using ProgressVision.Analysis.Registration;

namespace ProgressVision.Analysis.Compare;

/// <summary>The inverse direction of an <see cref="Alignment"/>: BEFORE pixels to AFTER pixels.</summary>
public static class AlignmentMapping
{
    /// <summary>
    /// AFTER coordinates of BEFORE pixel (x, y). Inverts the homography exactly and the smooth
    /// non-rigid part by fixed-point iteration q ← H⁻¹(p − d(q)), which converges in a few steps
    /// because the correction d is small (a few px) and varies slowly.
    /// </summary>
    public static (double X, double Y) MapBeforeToAfter(this Alignment alignment, double x, double y)
    {
        var inverse = alignment.AfterToBefore.Inverse();
        var q = inverse.Map(x, y);
        if (alignment.Field is null)
        {
            return q;
        }

        for (int i = 0; i < 4; i++)
        {
            var (dx, dy) = alignment.Field.At(q.X, q.Y);
            q = inverse.Map(x - dx, y - dy);
        }

        return q;
    }
}
