namespace ProgressVision.Analysis.Statistics;

/// <summary>Lower tail of the binomial distribution, for "is this count implausibly low?" checks.</summary>
internal static class BinomialTail
{
    /// <summary>P(K ≤ <paramref name="k"/>) for K ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static double AtMost(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k < 0)
        {
            return 0;
        }

        if (k >= n || p <= 0)
        {
            return 1;
        }

        if (p >= 1)
        {
            return 0;
        }

        // Terms by the ratio P(i+1)/P(i) = (n−i)/(i+1) · p/(1−p), in logs: (1−p)^n alone underflows for
        // n in the thousands, and the sum is taken relative to its largest term (log-sum-exp).
        double logTerm = n * Math.Log(1 - p), logOdds = Math.Log(p / (1 - p));
        var logs = new double[k + 1];
        logs[0] = logTerm;
        for (int i = 0; i < k; i++)
        {
            logTerm += Math.Log((double)(n - i) / (i + 1)) + logOdds;
            logs[i + 1] = logTerm;
        }

        double max = logs.Max(), sum = 0;
        foreach (double l in logs)
        {
            sum += Math.Exp(l - max);
        }

        return Math.Min(1, Math.Exp(max + Math.Log(sum)));
    }
}
