using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// Vectorised separable Gaussian blur of packed float row blocks with replicate borders. Private to
/// Analysis until Imaging's <c>GaussianBlur</c> gains a vector body and a row-block API.
/// </summary>
internal static class SeparableGaussian
{
    /// <summary>Normalised kernel of radius ceil(2.5σ) (≥ 98.8% of the mass; enough for DoG differences).</summary>
    public static float[] Kernel(double sigma)
    {
        int r = Math.Max(1, (int)Math.Ceiling(2.5 * sigma));
        var k = new float[(2 * r) + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++)
        {
            sum += Math.Exp(-(i * i) / (2 * sigma * sigma));
        }

        for (int i = -r; i <= r; i++)
        {
            k[i + r] = (float)(Math.Exp(-(i * i) / (2 * sigma * sigma)) / sum);
        }

        return k;
    }

    /// <summary>
    /// Blurs <paramref name="rows"/> packed rows of <paramref name="width"/> floats from
    /// <paramref name="src"/> into <paramref name="dst"/>. Borders replicate the first/last row and
    /// column of the block. <paramref name="tmp"/> holds rows × width floats; <paramref name="pad"/>
    /// holds width + kernel length floats.
    /// </summary>
    public static void Blur(ReadOnlySpan<float> src, Span<float> dst, Span<float> tmp, Span<float> pad, int width, int rows, float[] kernel)
    {
        int n = width * rows;
        if (src.Length < n || dst.Length < n || tmp.Length < n || pad.Length < width + kernel.Length)
        {
            throw new ArgumentException($"Blur buffers too short for {width}x{rows} with a {kernel.Length}-tap kernel.");
        }

        for (int y = 0; y < rows; y++)
        {
            Horizontal(src.Slice(y * width, width), tmp.Slice(y * width, width), pad, kernel);
        }

        for (int y = 0; y < rows; y++)
        {
            Vertical(tmp, dst.Slice(y * width, width), width, rows, y, kernel);
        }
    }

    // The row with r copies of its first and last pixel on either side (the replicate border both row filters use).
    private static void ReplicatePad(ReadOnlySpan<float> row, Span<float> pad, int r)
    {
        int w = row.Length;
        pad.Slice(0, r).Fill(row[0]);
        row.CopyTo(pad.Slice(r));
        pad.Slice(r + w, r).Fill(row[w - 1]);
    }

    /// <summary>One row: replicate-pad, then a vector body over whole vectors and a scalar tail.</summary>
    internal static void Horizontal(ReadOnlySpan<float> row, Span<float> outRow, Span<float> pad, float[] k)
    {
        int w = row.Length, r = k.Length / 2;
        ReplicatePad(row, pad, r);
        // Tap i of output x reads pad[x + i]: offsets 0 … 2r.
        Span<int> taps = k.Length <= 256 ? stackalloc int[k.Length] : new int[k.Length];
        for (int i = 0; i < k.Length; i++)
        {
            taps[i] = i;
        }

        int x = SumTapsVector(pad, taps, k, outRow, w);
        HorizontalScalar(pad, outRow, x, w, k);
    }

    /// <summary>Scalar reference of <see cref="Horizontal"/>: outputs <paramref name="from"/> … <paramref name="to"/> − 1 of an already padded row.</summary>
    internal static void HorizontalScalar(ReadOnlySpan<float> pad, Span<float> outRow, int from, int to, float[] k)
    {
        for (int x = from; x < to; x++)
        {
            float acc = 0;
            for (int i = 0; i < k.Length; i++)
            {
                acc += k[i] * pad[x + i];
            }

            outRow[x] = acc;
        }
    }

    /// <summary>
    /// One row with a symmetric kernel (k[i] = k[2r − i], as every kernel of <see cref="Kernel"/> is):
    /// each mirrored pair of taps is added first and enters with one fused multiply-add, half the
    /// arithmetic of <see cref="Horizontal"/> for wide windows. The sums round differently from
    /// <see cref="Horizontal"/>'s (float rounding only); vector and scalar paths agree bit for bit.
    /// </summary>
    /// <exception cref="ArgumentException">Output or pad too short, or an even-length kernel.</exception>
    internal static void HorizontalSymmetric(ReadOnlySpan<float> row, Span<float> outRow, Span<float> pad, float[] k)
    {
        int w = row.Length, r = k.Length / 2;
        if ((k.Length & 1) == 0 || outRow.Length < w || pad.Length < w + (2 * r))
        {
            throw new ArgumentException($"Symmetric row filter needs an odd kernel, an output of {w} and a pad of {w + (2 * r)}; got {k.Length} taps, {outRow.Length} and {pad.Length}.");
        }

        if (w == 0)
        {
            return;
        }

        ReplicatePad(row, pad, r);
        ref float p = ref MemoryMarshal.GetReference(pad);
        ref float o = ref MemoryMarshal.GetReference(outRow);
        int x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int vc = Vector<float>.Count;

            // Lane j is output x + j, as in Horizontal; pad[x+j+i] and pad[x+j+2r−i] share tap i.
            for (; x <= w - vc; x += vc)
            {
                var acc = new Vector<float>(k[r]) * Vector.LoadUnsafe(ref p, (nuint)(x + r));
                for (int i = 0; i < r; i++)
                {
                    var pair = Vector.LoadUnsafe(ref p, (nuint)(x + i)) + Vector.LoadUnsafe(ref p, (nuint)(x + (2 * r) - i));
                    acc = Vector.FusedMultiplyAdd(new Vector<float>(k[i]), pair, acc);
                }

                acc.StoreUnsafe(ref o, (nuint)x);
            }
        }

        HorizontalSymmetricScalar(pad, outRow, x, w, k);
    }

    /// <summary>Scalar reference of <see cref="HorizontalSymmetric"/>: outputs <paramref name="from"/> … <paramref name="to"/> − 1 of an already padded row.</summary>
    internal static void HorizontalSymmetricScalar(ReadOnlySpan<float> pad, Span<float> outRow, int from, int to, float[] k)
    {
        int r = k.Length / 2;
        for (int x = from; x < to; x++)
        {
            float acc = k[r] * pad[x + r];
            for (int i = 0; i < r; i++)
            {
                acc = MathF.FusedMultiplyAdd(k[i], pad[x + i] + pad[x + (2 * r) - i], acc);
            }

            outRow[x] = acc;
        }
    }

    /// <summary>One output row of the vertical pass over a packed block (rows clamp at the block's ends).</summary>
    /// <exception cref="ArgumentException">The block holds fewer than <paramref name="width"/> × <paramref name="rows"/> floats, the output fewer than <paramref name="width"/>, or <paramref name="y"/> is not a row of the block.</exception>
    internal static void Vertical(ReadOnlySpan<float> block, Span<float> outRow, int width, int rows, int y, float[] k)
    {
        if (block.Length < width * rows || outRow.Length < width || (uint)y >= (uint)rows)
        {
            throw new ArgumentException($"Vertical pass needs a {width}x{rows} block and a {width}-wide output for row {y}; got {block.Length} and {outRow.Length} floats.");
        }

        // Offsets of the rows the taps read (clamped at the block's ends), found once per output row.
        int r = k.Length / 2;
        Span<int> tapRow = k.Length <= 256 ? stackalloc int[k.Length] : new int[k.Length];
        for (int i = 0; i < k.Length; i++)
        {
            tapRow[i] = Math.Clamp(y + i - r, 0, rows - 1) * width;
        }

        int x = SumTapsVector(block, tapRow, k, outRow, width);
        VerticalScalar(block, outRow, width, rows, y, k, x);
    }

    /// <summary>
    /// Vector body of both passes: <paramref name="output"/>[x] = Σᵢ k[i] · <paramref name="source"/>[offsets[i] + x]
    /// for every x from 0 while whole vectors fit in <paramref name="width"/>; returns the first x left to the
    /// pass's scalar reference (0 without vector hardware). The horizontal pass reads a padded row at offsets
    /// 0 … 2r, the vertical pass a block at the clamped rows' offsets.
    /// </summary>
    private static int SumTapsVector(ReadOnlySpan<float> source, ReadOnlySpan<int> offsets, float[] k, Span<float> output, int width)
    {
        int x = 0;
        if (!Vector.IsHardwareAccelerated)
        {
            return x;
        }

        ref float src = ref MemoryMarshal.GetReference(source);
        ref float o = ref MemoryMarshal.GetReference(output);
        int vc = Vector<float>.Count;

        // Each lane is one output pixel: lane j of the load at offsets[i] + x is the source of output x + j's tap i,
        // so one broadcast tap multiplies Count neighbouring outputs at once. Each lane sums its taps in a register in
        // tap order, from zero, as the scalar references do (no fused multiply-add): bit-identical, and one load per
        // tap. Four vectors at a time: four independent add chains hide the adder's latency.
        for (; x <= width - (4 * vc); x += 4 * vc)
        {
            Vector<float> a0 = Vector<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < k.Length; i++)
            {
                var kv = new Vector<float>(k[i]);
                nuint at = (nuint)(offsets[i] + x);
                a0 += kv * Vector.LoadUnsafe(ref src, at);
                a1 += kv * Vector.LoadUnsafe(ref src, at + (nuint)vc);
                a2 += kv * Vector.LoadUnsafe(ref src, at + (nuint)(2 * vc));
                a3 += kv * Vector.LoadUnsafe(ref src, at + (nuint)(3 * vc));
            }

            a0.StoreUnsafe(ref o, (nuint)x);
            a1.StoreUnsafe(ref o, (nuint)(x + vc));
            a2.StoreUnsafe(ref o, (nuint)(x + (2 * vc)));
            a3.StoreUnsafe(ref o, (nuint)(x + (3 * vc)));
        }

        for (; x <= width - vc; x += vc)
        {
            var acc = Vector<float>.Zero;
            for (int i = 0; i < k.Length; i++)
            {
                acc += new Vector<float>(k[i]) * Vector.LoadUnsafe(ref src, (nuint)(offsets[i] + x));
            }

            acc.StoreUnsafe(ref o, (nuint)x);
        }

        return x;
    }

    /// <summary>Scalar reference of <see cref="Vertical"/>: outputs <paramref name="from"/> … <paramref name="width"/> − 1.</summary>
    internal static void VerticalScalar(ReadOnlySpan<float> block, Span<float> outRow, int width, int rows, int y, float[] k, int from = 0)
    {
        int r = k.Length / 2;
        for (int x = from; x < width; x++)
        {
            float acc = 0;
            for (int i = 0; i < k.Length; i++)
            {
                acc += k[i] * block[(Math.Clamp(y + i - r, 0, rows - 1) * width) + x];
            }

            outRow[x] = acc;
        }
    }

    /// <summary>
    /// Blurs a plane and keeps every other pixel of every other row: <paramref name="dst"/>[y, x] is
    /// the blurred <paramref name="src"/> at (2x, 2y), as a <see cref="BlurPlane"/> followed by that
    /// subsampling would give, without the full-size blurred plane: the vertical pass runs on even
    /// rows only, in bands that hold just the rows their taps reach.
    /// </summary>
    public static void BlurHalf(float[] src, int width, int height, double sigma, float[] dst)
    {
        var k = Kernel(sigma);
        int r = k.Length / 2, nw = (width + 1) / 2, nh = (height + 1) / 2;
        if (src.Length < width * height || dst.Length < nw * nh)
        {
            throw new ArgumentException($"BlurHalf buffers too short for {width}x{height} → {nw}x{nh}.");
        }

        int chunk = Math.Max(8, nh / (4 * Environment.ProcessorCount));
        Parallel.For(0, (nh + chunk - 1) / chunk, c =>
        {
            int oy0 = c * chunk, oy1 = Math.Min(nh, oy0 + chunk);

            // Source rows the taps of output rows oy0..oy1−1 reach; at the plane's ends the band's
            // replicated border is the plane's.
            int ea = Math.Max(0, (2 * oy0) - r), eb = Math.Min(height, (2 * (oy1 - 1)) + r + 1), rows = eb - ea;
            var tmp = PlanePool<float>.Rent(rows * width);
            var pad = PlanePool<float>.Rent(width + k.Length);
            var line = PlanePool<float>.Rent(width);
            try
            {
                for (int y = ea; y < eb; y++)
                {
                    Horizontal(src.AsSpan(y * width, width), tmp.AsSpan((y - ea) * width, width), pad, k);
                }

                for (int oy = oy0; oy < oy1; oy++)
                {
                    Vertical(tmp.AsSpan(0, rows * width), line.AsSpan(0, width), width, rows, (2 * oy) - ea, k);
                    var o = dst.AsSpan(oy * nw, nw);
                    for (int x = 0; x < nw; x++)
                    {
                        o[x] = line[2 * x];
                    }
                }
            }
            finally
            {
                PlanePool<float>.Return(tmp);
                PlanePool<float>.Return(pad);
                PlanePool<float>.Return(line);
            }
        });
    }

    /// <summary>Blurs a whole plane in parallel row chunks (two passes, replicate borders).</summary>
    public static void BlurPlane(float[] src, float[] dst, int width, int height, double sigma)
    {
        var k = Kernel(sigma);
        var tmp = new float[width * height];
        int chunk = Math.Max(16, height / (4 * Environment.ProcessorCount));
        int chunks = (height + chunk - 1) / chunk;
        Parallel.For(0, chunks, c =>
        {
            var pad = new float[width + k.Length];
            int y1 = Math.Min(height, (c + 1) * chunk);
            for (int y = c * chunk; y < y1; y++)
            {
                Horizontal(src.AsSpan(y * width, width), tmp.AsSpan(y * width, width), pad, k);
            }
        });
        Parallel.For(0, chunks, c =>
        {
            int y1 = Math.Min(height, (c + 1) * chunk);
            for (int y = c * chunk; y < y1; y++)
            {
                Vertical(tmp, dst.AsSpan(y * width, width), width, height, y, k);
            }
        });
    }
}
