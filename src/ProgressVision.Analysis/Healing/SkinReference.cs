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
        var ls = new List<float>(n / step + 1);
        for (int i = 0; i < n; i += step)
        {
            if (valid.IsEmpty || valid[i] != 0)
            {
                ls.Add(lab[3 * i]);
            }
        }

        if (ls.Count == 0)
        {
            return new SkinReference(50, 0, 0);
        }

        ls.Sort();
        float lMedian = ls[ls.Count / 2];
        var bright = new List<(float L, float A, float B)>();
        for (int i = 0; i < n; i += step)
        {
            if ((valid.IsEmpty || valid[i] != 0) && lab[3 * i] >= lMedian)
            {
                bright.Add((lab[3 * i], lab[(3 * i) + 1], lab[(3 * i) + 2]));
            }
        }

        return new SkinReference(Median(bright, p => p.L), Median(bright, p => p.A), Median(bright, p => p.B));
    }

    private static float Median(List<(float L, float A, float B)> v, Func<(float L, float A, float B), float> pick)
    {
        var s = v.Select(pick).ToArray();
        Array.Sort(s);
        return s[s.Length / 2];
    }
}
