using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>
/// Reverses the five PNG scanline filters (PNG 2nd ed. §9.2–9.4) in place. Bytes left of the row and the row
/// above the first row of a pass count as zero, so callers pass an all-zero <c>previous</c> row there.
/// </summary>
internal static class PngUnfilter
{
    /// <summary>
    /// Unfilters <paramref name="row"/> in place. Returns false for an unknown filter type (the caller reports it).
    /// </summary>
    /// <param name="filter">The filter-type byte that preceded the row.</param>
    /// <param name="row">The filtered bytes of this row; reconstructed bytes on return.</param>
    /// <param name="previous">The reconstructed previous row of the same pass (zeros for the first), same length.</param>
    /// <param name="bpp">Bytes per complete pixel, at least 1 (§9.2).</param>
    public static bool Apply(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        switch (filter)
        {
            case PngConstants.FilterNone:
                return true;
            case PngConstants.FilterSub:
                Sub(row, bpp);
                return true;
            case PngConstants.FilterUp:
                // Byte addition wraps modulo 256, exactly the filter's arithmetic, so the vectorised generic add applies.
                TensorPrimitives.Add(row, previous, row);
                return true;
            case PngConstants.FilterAverage:
                Average(row, previous, bpp);
                return true;
            case PngConstants.FilterPaeth:
                Paeth(row, previous, bpp);
                return true;
            default:
                return false;
        }
    }

    private static void Sub(Span<byte> row, int bpp)
    {
        for (int i = bpp; i < row.Length; i++)
        {
            row[i] = (byte)(row[i] + row[i - bpp]);
        }
    }

    private static void Average(Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        int n = Math.Min(bpp, row.Length);
        for (int i = 0; i < n; i++)
        {
            row[i] = (byte)(row[i] + (previous[i] >> 1));
        }

        // The sum is taken before halving, in 9 bits, as §9.3 requires.
        for (int i = bpp; i < row.Length; i++)
        {
            row[i] = (byte)(row[i] + ((row[i - bpp] + previous[i]) >> 1));
        }
    }

    private static void Paeth(Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        int n = Math.Min(bpp, row.Length);
        for (int i = 0; i < n; i++)
        {
            // With a = c = 0 the predictor is always b (the byte above).
            row[i] = (byte)(row[i] + previous[i]);
        }

        for (int i = bpp; i < row.Length; i++)
        {
            row[i] = (byte)(row[i] + Predictor(row[i - bpp], previous[i], previous[i - bpp]));
        }
    }

    /// <summary>The Paeth predictor of §9.4: the neighbour closest to a + b − c, ties broken a, b, c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predictor(int a, int b, int c)
    {
        int pa = Math.Abs(b - c);
        int pb = Math.Abs(a - c);
        int pc = Math.Abs(a + b - c - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }
}
