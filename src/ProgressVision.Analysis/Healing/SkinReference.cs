namespace ProgressVision.Analysis.Healing;

/// <summary>
/// A photo's untreated-skin colour in CIELAB, used as the zero of the healing channels: redness is
/// a* above this reference, fade is L* closer to it. Estimated as the median L*, a*, b* of the
/// brighter half of valid pixels, which drops pigment dots, hair and shadows (all darker than skin).
/// </summary>
public readonly record struct SkinReference(float L, float A, float B)
{
    /// <summary>Estimates the reference from interleaved Lab pixels; <paramref name="valid"/> may be empty (all valid).</summary>
    public static SkinReference Estimate(ReadOnlySpan<float> lab, ReadOnlySpan<byte> valid)
    {
        int n = lab.Length / 3;
        // Subsample to ≤ 200k pixels: the median of a large regular sample is within a fraction of a
        // unit of the full median, and sorting 12 MP would dominate the healing time.
        int step = Math.Max(1, n / 200_000);
        var ls = new float[(n / step) + 1];
        int count = 0;
        for (int i = 0; i < n; i += step)
        {
            if (valid.IsEmpty || valid[i] != 0)
            {
                ls[count++] = lab[3 * i];
            }
        }

        if (count == 0)
        {
            return new SkinReference(50, 0, 0);
        }

        Array.Sort(ls, 0, count);
        float lMedian = ls[count / 2];

        // The brighter half, one array per channel so each median is one sort.
        var bl = new float[count];
        var ba = new float[count];
        var bb = new float[count];
        int m = 0;
        for (int i = 0; i < n; i += step)
        {
            if ((valid.IsEmpty || valid[i] != 0) && lab[3 * i] >= lMedian)
            {
                bl[m] = lab[3 * i];
                ba[m] = lab[(3 * i) + 1];
                bb[m] = lab[(3 * i) + 2];
                m++;
            }
        }

        return new SkinReference(Median(bl, m), Median(ba, m), Median(bb, m));
    }

    private static float Median(float[] v, int count)
    {
        Array.Sort(v, 0, count);
        return v[count / 2];
    }
}
