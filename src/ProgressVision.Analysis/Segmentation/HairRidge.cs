using System.Numerics.Tensors;
using ProgressVision.Analysis.Dots;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Segmentation;

/// <summary>
/// Ridge strength of the darkness plane for hair finding: the σ = 1 Gaussian-smoothed plane's
/// Hessian, max(0, −λ_min − |λ_max|) where λ_min &lt; 0 (a dark line is strongly curved across and
/// flat along), and a sample of its horizontal second differences for the noise scale.
/// </summary>
/// <remarks>
/// Works in bands of rows so the smoothed plane only ever exists a band at a time (at 12 MP a
/// float plane is 48 MB); the values are those of smoothing the whole plane first, because each
/// band blurs every row its taps reach and replicates only the plane's own borders.
/// </remarks>
internal static class HairRidge
{
    private const double Sigma = 1.0;
    private const int BandRows = 64;

    /// <summary>
    /// Fills <paramref name="ridge"/> (w × h, packed; 0 on the outermost rows and columns) and returns
    /// |∂²s/∂x²| of the smoothed plane s at every 7th pixel of every 3rd row (rows 1, 4, …; columns
    /// starting at 1 + y mod 7), in no particular order.
    /// </summary>
    public static List<float> Compute(float[] darkness, int w, int h, float[] ridge)
    {
        if (darkness.Length < w * h || ridge.Length < w * h)
        {
            throw new ArgumentException($"Ridge planes too short for {w}x{h}.");
        }

        var k = SeparableGaussian.Kernel(Sigma);
        int r = k.Length / 2;
        var samples = new List<float>[(h + BandRows - 1) / BandRows];
        ridge.AsSpan(0, w).Clear();
        ridge.AsSpan((h - 1) * w, w).Clear();
        Parallel.For(0, samples.Length, b =>
        {
            int y0 = b * BandRows, y1 = Math.Min(h, y0 + BandRows);

            // Smoothed rows y0−1 … y1 (ridge neighbours), blurred from rows r further out.
            int s0 = Math.Max(0, y0 - 1), s1 = Math.Min(h, y1 + 1);
            int ea = Math.Max(0, s0 - r), eb = Math.Min(h, s1 + r), rows = eb - ea;
            var tmp = PlanePool<float>.Rent(rows * w);
            var smooth = PlanePool<float>.Rent((s1 - s0) * w);
            var pad = PlanePool<float>.Rent(w + k.Length);
            var scratch = PlanePool<float>.Rent(4 * w);
            var sample = new List<float>();
            try
            {
                for (int y = ea; y < eb; y++)
                {
                    SeparableGaussian.Horizontal(darkness.AsSpan(y * w, w), tmp.AsSpan((y - ea) * w, w), pad, k);
                }

                for (int y = s0; y < s1; y++)
                {
                    SeparableGaussian.Vertical(tmp.AsSpan(0, rows * w), smooth.AsSpan((y - s0) * w, w), w, rows, y - ea, k);
                }

                for (int y = Math.Max(1, y0); y < Math.Min(h - 1, y1); y++)
                {
                    var above = smooth.AsSpan((y - 1 - s0) * w, w);
                    var row = smooth.AsSpan((y - s0) * w, w);
                    var below = smooth.AsSpan((y + 1 - s0) * w, w);
                    RidgeRow(above, row, below, ridge.AsSpan(y * w, w), scratch);
                    if ((y - 1) % 3 == 0)
                    {
                        for (int x = 1 + (y % 7); x < w - 1; x += 7)
                        {
                            sample.Add(Math.Abs(row[x + 1] + row[x - 1] - (2 * row[x])));
                        }
                    }
                }
            }
            finally
            {
                PlanePool<float>.Return(tmp);
                PlanePool<float>.Return(smooth);
                PlanePool<float>.Return(pad);
                PlanePool<float>.Return(scratch);
            }

            samples[b] = sample;
        });

        var all = new List<float>(samples.Sum(s => s.Count));
        foreach (var s in samples)
        {
            all.AddRange(s);
        }

        return all;
    }

    /// <summary>
    /// Ridge strength of one row from the smoothed rows around it; the first and last pixel are 0.
    /// Element-wise passes over the row (TensorPrimitives, vectorised), in the same operation order
    /// as <see cref="RidgeRowScalar"/>, so the same values. <paramref name="scratch"/> holds 4 × (w − 2).
    /// </summary>
    internal static void RidgeRow(ReadOnlySpan<float> above, ReadOnlySpan<float> row, ReadOnlySpan<float> below, Span<float> ridge, Span<float> scratch)
    {
        int w = row.Length;
        if (above.Length != w || below.Length != w || ridge.Length != w || (w > 2 && scratch.Length < 4 * (w - 2)))
        {
            throw new ArgumentException($"Ridge rows must all be {w} long and the scratch 4 × {w - 2}.");
        }

        ridge[0] = 0;
        ridge[w - 1] = 0;
        if (w < 3)
        {
            return;
        }

        // Pixel x = 1 … w − 2 is element x − 1 of every slice; "left"/"right" are the slices shifted by one.
        int n = w - 2;
        var c = row.Slice(1, n);
        var a = scratch[..n];
        var b = scratch.Slice(n, n);
        var d = scratch.Slice(2 * n, n);
        var t = scratch.Slice(3 * n, n);
        TensorPrimitives.Multiply(c, 2f, t);                                 // t = 2c
        TensorPrimitives.Add(row.Slice(2, n), row[..n], a);
        TensorPrimitives.Subtract(a, t, a);                                  // a = dxx = (right + left) − 2c
        TensorPrimitives.Add(below.Slice(1, n), above.Slice(1, n), b);
        TensorPrimitives.Subtract(b, t, b);                                  // b = dyy = (below + above) − 2c
        TensorPrimitives.Subtract(below.Slice(2, n), below[..n], d);
        TensorPrimitives.Subtract(d, above.Slice(2, n), d);
        TensorPrimitives.Add(d, above[..n], d);
        TensorPrimitives.Multiply(d, 0.25f, d);                              // d = dxy
        TensorPrimitives.Subtract(a, b, t);                                  // t = dxx − dyy
        TensorPrimitives.Add(a, b, a);
        TensorPrimitives.Multiply(a, 0.5f, a);                               // a = half = (dxx + dyy) / 2
        TensorPrimitives.Multiply(t, 0.25f, b);
        TensorPrimitives.Multiply(b, t, b);                                  // b = ¼(dxx − dyy)²
        TensorPrimitives.Multiply(d, d, d);
        TensorPrimitives.Add(b, d, b);
        TensorPrimitives.Sqrt(b, b);                                         // b = disc
        TensorPrimitives.Subtract(a, b, t);                                  // t = λ_min
        TensorPrimitives.Add(a, b, d);                                       // d = λ_max
        TensorPrimitives.Abs(d, d);
        TensorPrimitives.Negate(t, t);
        TensorPrimitives.Subtract(t, d, t);                                  // t = −λ_min − |λ_max|

        // max(0, ·) is 0 whenever λ_min ≥ 0 (then −λ_min − |λ_max| ≤ 0), so the scalar form's
        // "λ_min < 0 ?" test needs no separate pass.
        TensorPrimitives.Max(t, 0f, ridge.Slice(1, n));
    }

    /// <summary>Scalar reference of <see cref="RidgeRow"/>.</summary>
    internal static void RidgeRowScalar(ReadOnlySpan<float> above, ReadOnlySpan<float> row, ReadOnlySpan<float> below, Span<float> ridge)
    {
        int w = row.Length;
        if (above.Length != w || below.Length != w || ridge.Length != w)
        {
            throw new ArgumentException($"Ridge rows must all be {w} long.");
        }

        ridge[0] = 0;
        ridge[w - 1] = 0;
        for (int x = 1; x < w - 1; x++)
        {
            float c = row[x];
            float dxx = row[x + 1] + row[x - 1] - (2 * c);
            float dyy = below[x] + above[x] - (2 * c);
            float dxy = 0.25f * (below[x + 1] - below[x - 1] - above[x + 1] + above[x - 1]);
            float half = 0.5f * (dxx + dyy), disc = MathF.Sqrt((0.25f * (dxx - dyy) * (dxx - dyy)) + (dxy * dxy));
            float lMin = half - disc, lMax = half + disc;

            // A dark line is a ridge of darkness: strongly curved across (λ_min ≪ 0), flat along.
            ridge[x] = lMin < 0 ? Math.Max(0, -lMin - Math.Abs(lMax)) : 0;
        }
    }
}
