using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Compare;

/// <summary>
/// Detects a before/after composite given as one photo (two pictures side by side or stacked), which
/// clinics often export and which must not be compared as a single photo.
/// </summary>
/// <remarks>
/// A composite has a straight seam across the whole image near its middle: a divider band of
/// near-constant colour, a thin divider line, or a hard edge where two unrelated pictures meet. Natural
/// scalp photos have no full-height straight edge at one column. On a box-downscaled gray copy we
/// measure, for each column in the middle 30–70%, the fraction of rows where the step to the next
/// column stands out from the steps at nearby columns (≥ 2× their maximum): a seam column stands out
/// on a large share of rows, an ordinary column on few. Columns whose colour barely varies down the
/// whole image (a divider band) count as a seam too. Rows are treated the same way for stacked pairs.
/// </remarks>
public static class CompositeDetector
{
    /// <summary>Fraction of rows on which the seam column must stand out from its neighbours.</summary>
    public const double SeamCoverage = 0.3;

    /// <summary>Where the seam or divider was found, or null when the photo does not look like a composite.</summary>
    public static CompositeSeam? Find(PixelBuffer<byte> rgb)
    {
        // Work on a gray image of at most ~800 px: the seam is a global feature and survives downscaling.
        int step = Math.Max(1, Math.Max(rgb.Width, rgb.Height) / 1000);
        int w = rgb.Width / step, h = rgb.Height / step;
        if (w < 32 || h < 32)
        {
            return null;
        }

        // Box-average step×step blocks (not subsample) so a divider line thinner than a block still shows.
        // One task per block row: each owns its cells, and adds its rows in the same order as a single loop.
        var g = new float[w * h];
        Parallel.For(0, h, by =>
        {
            var cells = g.AsSpan(by * w, w);
            int channels = rgb.Channels, area = step * step;
            for (int y = by * step; y < (by + 1) * step; y++)
            {
                var row = rgb.Row(y);
                for (int cx = 0, x = 0; cx < w; cx++)
                {
                    // Pixels x = cx·step … cx·step + step − 1 of this row, left to right, into cell cx.
                    for (int end = x + step; x < end; x++)
                    {
                        int i = x * channels;
                        float lum = channels >= 3 ? (0.299f * row[i]) + (0.587f * row[i + 1]) + (0.114f * row[i + 2]) : row[i];
                        cells[cx] += lum / area;
                    }
                }
            }
        });

        var vertical = Scan(g, w, h, transposed: false);
        if (vertical is { } v)
        {
            return new CompositeSeam(true, v * step);
        }

        var horizontal = Scan(g, w, h, transposed: true);
        return horizontal is { } hz ? new CompositeSeam(false, hz * step) : null;
    }

    private static int? Scan(float[] g, int w, int h, bool transposed)
    {
        int n = transposed ? h : w, m = transposed ? w : h;
        float At(int i, int j) => transposed ? g[(i * w) + j] : g[(j * w) + i];
        var bigRows = new double[n - 1];
        var flat = new bool[n];
        var colMean = new double[n];
        var colStd = new double[n];
        Parallel.For(0, n - 1, i =>
        {
            int standOut = 0;
            for (int j = 0; j < m; j++)
            {
                float d = Math.Abs(At(i + 1, j) - At(i, j));
                float near = 0;
                for (int k = 2; k <= 5; k++)
                {
                    if (i - k >= 0)
                    {
                        near = Math.Max(near, Math.Abs(At(i - k + 1, j) - At(i - k, j)));
                    }

                    if (i + k + 1 < n)
                    {
                        near = Math.Max(near, Math.Abs(At(i + k + 1, j) - At(i + k, j)));
                    }
                }

                // 6 grey levels: above JPEG block-edge steps (1–3 levels) that line up on every 8th column.
                standOut += d > 6f && d >= 2f * near ? 1 : 0;
            }

            bigRows[i] = standOut / (double)m;
        });

        for (int i = 0; i < n; i++)
        {
            // A divider column: colour nearly constant along its whole length (std < 4 grey levels) and not dark-black borders only.
            double mean = 0, sq = 0;
            for (int j = 0; j < m; j++)
            {
                double v = At(i, j);
                mean += v;
                sq += v * v;
            }

            mean /= m;
            colMean[i] = mean;
            colStd[i] = Math.Sqrt(Math.Max(0, (sq / m) - (mean * mean)));
            flat[i] = colStd[i] < 4;
        }

        int lo = (int)(0.3 * n), hi = (int)(0.7 * n);
        for (int i = lo; i < hi; i++)
        {
            // A divider band: ≥ 3 flat columns whose neighbours a few columns away are not flat (a plain,
            // evenly lit photo has flat columns everywhere and is not a composite).
            if (flat[i] && i + 2 < n && flat[i + 1] && flat[i + 2] && i - 6 >= 0 && i + 8 < n && colStd[i - 6] > 10 && colStd[i + 8] > 10)
            {
                return i + 1;
            }
        }

        int best = -1;
        for (int i = lo; i < Math.Min(hi, n - 1); i++)
        {
            if (bigRows[i] >= SeamCoverage && (best < 0 || bigRows[i] > bigRows[best]))
            {
                best = i;
            }
        }

        return best < 0 ? null : best + 1;
    }
}

/// <summary>A composite's seam: vertical (side by side) at column <paramref name="Position"/>, or horizontal (stacked) at that row.</summary>
public readonly record struct CompositeSeam(bool Vertical, int Position);
