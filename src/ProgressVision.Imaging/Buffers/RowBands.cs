namespace ProgressVision.Imaging.Buffers;

/// <summary>Splits an image's rows into bands and runs them sequentially or with <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>.</summary>
internal static class RowBands
{
    /// <summary>Calls <paramref name="band"/>(y0, y1) over [0, height); <paramref name="maxDegreeOfParallelism"/> 1 runs inline, −1 uses all cores.</summary>
    public static void Run(int height, int maxDegreeOfParallelism, Action<int, int> band)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), $"Degree of parallelism must be −1 or ≥ 1, got {maxDegreeOfParallelism}.");
        }

        int workers = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        if (workers == 1 || height < 64)
        {
            band(0, height);
            return;
        }

        // A few bands per worker balances load; bands of ≥ 16 rows keep the vertical window's re-reads cheap.
        int bands = Math.Min(workers * 4, Math.Max(1, height / 16));
        int per = (height + bands - 1) / bands;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Parallel.For(0, bands, options, b =>
        {
            int y0 = b * per, y1 = Math.Min(height, y0 + per);
            if (y0 < y1)
            {
                band(y0, y1);
            }
        });
    }
}
