namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Brute-force Hamming matching with Lowe's ratio test and a mutual (cross) check. The second-best
/// candidate ignores keypoints next to the best one: the same corner found at two adjacent scale
/// levels would otherwise always fail the ratio test.
/// </summary>
internal static class FeatureMatcher
{
    /// <summary>Pairs (index in <paramref name="a"/>, index in <paramref name="b"/>).</summary>
    /// <param name="a">AFTER features.</param>
    /// <param name="b">BEFORE features.</param>
    /// <param name="ratio">Lowe ratio.</param>
    /// <param name="maxDistance">Largest accepted Hamming distance.</param>
    public static List<(int A, int B)> Match(FeatureSet a, FeatureSet b, double ratio, int maxDistance)
    {
        int na = a.Count, nb = b.Count;
        var result = new List<(int, int)>();
        if (na < 2 || nb < 2)
        {
            return result;
        }

        var dist = new ushort[na * nb];
        Parallel.For(0, na, i =>
        {
            var da = a.Descriptor(i);
            var row = dist.AsSpan(i * nb, nb);
            for (int j = 0; j < nb; j++)
            {
                row[j] = (ushort)Hamming.Distance(da, b.Descriptor(j));
            }
        });

        var bestA = new int[na];
        var okA = new bool[na];
        Parallel.For(0, na, i =>
        {
            var row = dist.AsSpan(i * nb, nb);
            bestA[i] = BestWithRatio(row, 1, b.Keypoints, ratio, maxDistance, out okA[i]);
        });

        var bestB = new int[nb];
        Parallel.For(0, nb, j =>
        {
            int best = -1, bd = int.MaxValue;
            for (int i = 0; i < na; i++)
            {
                int d = dist[(i * nb) + j];
                if (d < bd)
                {
                    bd = d;
                    best = i;
                }
            }

            bestB[j] = best;
        });

        for (int i = 0; i < na; i++)
        {
            if (okA[i] && bestB[bestA[i]] == i)
            {
                result.Add((i, bestA[i]));
            }
        }

        return result;
    }

    private static int BestWithRatio(ReadOnlySpan<ushort> row, int stride, Keypoint[] targets, double ratio, int maxDistance, out bool ok)
    {
        int best = -1, bd = int.MaxValue;
        for (int j = 0; j < row.Length; j += stride)
        {
            if (row[j] < bd)
            {
                bd = row[j];
                best = j;
            }
        }

        var kb = targets[best];

        // Neighbours within a few pixels (scaled by level) are the same physical corner.
        float exclusion = 4f * MathF.Pow(2f, kb.Level / 3f);
        int second = int.MaxValue;
        for (int j = 0; j < row.Length; j++)
        {
            if (row[j] < second && j != best)
            {
                float dx = targets[j].X - kb.X, dy = targets[j].Y - kb.Y;
                if ((dx * dx) + (dy * dy) > exclusion * exclusion)
                {
                    second = row[j];
                }
            }
        }

        ok = bd <= maxDistance && bd < ratio * second;
        return best;
    }
}
