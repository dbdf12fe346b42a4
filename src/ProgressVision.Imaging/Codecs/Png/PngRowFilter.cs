namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// The forward PNG filters (PNG 2nd ed. §9.2) and the adaptive per-row choice of §12.8: the filter whose output,
/// read as signed bytes, has the smallest sum of magnitudes usually compresses best, because zlib's matches and
/// Huffman codes favour small residuals.
/// </summary>
internal sealed class PngRowFilter
{
    private readonly int _bpp;
    private readonly byte[][] _candidates;

    /// <param name="rowBytes">Bytes per row (without the filter-type byte).</param>
    /// <param name="bpp">Bytes per pixel.</param>
    public PngRowFilter(int rowBytes, int bpp)
    {
        _bpp = bpp;
        _candidates = new byte[5][];
        for (int i = 0; i < 5; i++)
        {
            _candidates[i] = new byte[rowBytes + 1];
            _candidates[i][0] = (byte)i;
        }
    }

    /// <summary>
    /// Filters <paramref name="row"/> against <paramref name="previous"/> (all zeros for the first row) and
    /// returns the filter-type byte followed by the filtered row.
    /// </summary>
    public ReadOnlySpan<byte> Apply(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, PngFilterStrategy strategy)
    {
        if (strategy != PngFilterStrategy.Adaptive)
        {
            int type = (int)strategy - 1;
            Filter(type, row, previous, _candidates[type].AsSpan(1));
            return _candidates[type];
        }

        int best = 0;
        long bestScore = long.MaxValue;
        for (int type = 0; type < 5; type++)
        {
            Span<byte> dst = _candidates[type].AsSpan(1);
            Filter(type, row, previous, dst);
            long score = SignedMagnitude(dst);
            if (score < bestScore)
            {
                bestScore = score;
                best = type;
            }
        }

        return _candidates[best];
    }

    private void Filter(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prev, Span<byte> dst)
    {
        int bpp = _bpp;
        int n = row.Length;
        int lead = Math.Min(bpp, n);
        switch (type)
        {
            case PngConstants.FilterNone:
                row.CopyTo(dst);
                break;
            case PngConstants.FilterSub:
                row[..lead].CopyTo(dst);
                for (int i = bpp; i < n; i++)
                {
                    dst[i] = (byte)(row[i] - row[i - bpp]);
                }

                break;
            case PngConstants.FilterUp:
                for (int i = 0; i < n; i++)
                {
                    dst[i] = (byte)(row[i] - prev[i]);
                }

                break;
            case PngConstants.FilterAverage:
                for (int i = 0; i < lead; i++)
                {
                    dst[i] = (byte)(row[i] - (prev[i] >> 1));
                }

                for (int i = bpp; i < n; i++)
                {
                    dst[i] = (byte)(row[i] - ((row[i - bpp] + prev[i]) >> 1));
                }

                break;
            default:
                for (int i = 0; i < lead; i++)
                {
                    dst[i] = (byte)(row[i] - prev[i]);
                }

                for (int i = bpp; i < n; i++)
                {
                    dst[i] = (byte)(row[i] - PngUnfilter.Predictor(row[i - bpp], prev[i], prev[i - bpp]));
                }

                break;
        }
    }

    /// <summary>Σ |b| with each byte read as a signed value (−128…127).</summary>
    private static long SignedMagnitude(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte b in filtered)
        {
            sum += b < 128 ? b : 256 - b;
        }

        return sum;
    }
}
