using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Buffers;

/// <summary>
/// Border index rules shared by the filters. ProgressVision filters use OpenCV's default
/// <c>BORDER_REFLECT_101</c> (gfedcb|abcdefgh|gfedcba): the edge pixel is not repeated, so a symmetric
/// kernel sees a mirror image of the interior and constant images stay constant.
/// </summary>
internal static class Border
{
    /// <summary>Maps any index onto 0..n-1 with BORDER_REFLECT_101 (repeating the reflection for huge overhangs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Reflect101(int i, int n)
    {
        if ((uint)i < (uint)n)
        {
            return i;
        }

        return Reflect101Slow(i, n);
    }

    private static int Reflect101Slow(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        // The pattern has period 2n-2; fold into one period first so huge offsets do not loop long.
        int period = (2 * n) - 2;
        i %= period;
        if (i < 0)
        {
            i += period;
        }

        return i < n ? i : period - i;
    }
}
