namespace ProgressVision.Analysis.Dots;

/// <summary>
/// The k-th smallest value of a sample without sorting it (Hoare's selection, median-of-three
/// pivots): the medians behind the noise scales of dot detection and hair segmentation come from
/// samples of ~10⁵–10⁶ values, where a full sort cost tens of milliseconds per photo.
/// </summary>
internal static class OrderStatistic
{
    // Below this many values insertion sort of the remaining range is faster than partitioning.
    private const int SmallRange = 16;

    /// <summary>
    /// Returns the value a sort would put at index <paramref name="k"/> (0-based). Reorders
    /// <paramref name="values"/>; NaN must not occur.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not an index of <paramref name="values"/>.</exception>
    public static float Select(Span<float> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        int lo = 0, hi = values.Length - 1;

        // Each round keeps only the side holding index k; the depth budget falls back to a sort of
        // the remaining range, so adversarial inputs stay O(n log n).
        for (int budget = 2 * (64 - (int)ulong.LeadingZeroCount((ulong)values.Length)); hi - lo >= SmallRange; budget--)
        {
            if (budget == 0)
            {
                values[lo..(hi + 1)].Sort();
                return values[k];
            }

            int mid = lo + ((hi - lo) / 2);
            SortThree(values, lo, mid, hi);
            float pivot = values[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[lo..j] ≤ pivot ≤ values[i..hi], and everything strictly between j and i equals the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        values[lo..(hi + 1)].Sort();
        return values[k];
    }

    private static void SortThree(Span<float> v, int a, int b, int c)
    {
        if (v[b] < v[a])
        {
            (v[a], v[b]) = (v[b], v[a]);
        }

        if (v[c] < v[b])
        {
            (v[b], v[c]) = (v[c], v[b]);
            if (v[b] < v[a])
            {
                (v[a], v[b]) = (v[b], v[a]);
            }
        }
    }
}
