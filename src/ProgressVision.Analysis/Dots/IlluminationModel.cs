using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Color;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// Skin luminance estimated on a coarse grid of blocks and interpolated, so that dot darkness can be
/// measured as 1 − L / L_skin whatever the lighting (gradients, shadows, exposure changes).
/// </summary>
/// <remarks>
/// Each block's skin level is a bright percentile of its luminance histogram: pigment and hair are
/// darker than skin, so as long as they cover less than (1 − percentile) of a block the percentile
/// lands on skin. A 3×3 median over the grid then removes blocks dominated by hair or a mole.
/// </remarks>
internal sealed class IlluminationModel
{
    private readonly float[] _grid;
    private readonly int _gw, _gh, _block;

    private IlluminationModel(float[] grid, int gw, int gh, int block)
    {
        _grid = grid;
        _gw = gw;
        _gh = gh;
        _block = block;
    }

    // Bins of the block histograms over linear luminance [0, 1]: 1/4096 resolves 0.5% steps even on
    // very dark skin (linear luminance ≈ 0.05).
    private const int Bins = 4096;

    /// <summary>
    /// Relative luminance in linear light (Rec. 709 weights on IEC 61966-2-1 decoded channels, 0..1)
    /// of one row of an 8-bit sRGB or gray buffer. Linear light is where pigment darkens skin
    /// multiplicatively, so 1 − L/L_skin is the same for a dot under any exposure. Computed row by
    /// row where needed: a stored luminance plane would be 4 bytes per pixel for two reads.
    /// </summary>
    public static void Luminance(ReadOnlySpan<byte> row, int channels, Span<float> lum)
    {
        var lut = ColorConversion.SrgbToLinearTable;
        if (channels == 1)
        {
            for (int x = 0; x < lum.Length; x++)
            {
                lum[x] = lut[row[x]];
            }

            return;
        }

        for (int x = 0; x < lum.Length; x++)
        {
            lum[x] = (0.2126f * lut[row[3 * x]]) + (0.7152f * lut[row[(3 * x) + 1]]) + (0.0722f * lut[row[(3 * x) + 2]]);
        }
    }

    /// <summary>Relative luminance plane of an 8-bit gray or RGB buffer (see the row overload).</summary>
    /// <exception cref="ArgumentException">Not 1 or 3 channels.</exception>
    public static float[] Luminance(PixelBuffer<byte> image)
    {
        CheckChannels(image);
        int w = image.Width;
        var lum = new float[w * image.Height];
        Parallel.For(0, image.Height, y => Luminance(image.Row(y), image.Channels, lum.AsSpan(y * w, w)));
        return lum;
    }

    /// <summary>Estimates the skin-luminance grid of a photo's luminance (computed row by row).</summary>
    /// <exception cref="ArgumentException">Not 1 or 3 channels.</exception>
    public static IlluminationModel Estimate(PixelBuffer<byte> image, int block, double percentile)
    {
        CheckChannels(image);
        return Estimate((y, row) => Luminance(image.Row(y), image.Channels, row), image.Width, image.Height, block, percentile);
    }

    /// <summary>Estimates the skin-luminance grid of a luminance plane.</summary>
    public static IlluminationModel Estimate(float[] lum, int w, int h, int block, double percentile) =>
        Estimate((y, row) => lum.AsSpan(y * w, w).CopyTo(row), w, h, block, percentile);

    // One block row at a time: its luminance rows are made once (readRow) and shared by its blocks.
    private static IlluminationModel Estimate(RowReader readRow, int w, int h, int block, double percentile)
    {
        int gw = (w + block - 1) / block, gh = (h + block - 1) / block;
        var raw = new float[gw * gh];
        Parallel.For(0, gh, by =>
        {
            var hist = new int[Bins];
            int y0 = by * block, y1 = Math.Min(h, y0 + block);
            var lum = PlanePool<float>.Rent((y1 - y0) * w);
            for (int y = y0; y < y1; y++)
            {
                readRow(y, lum.AsSpan((y - y0) * w, w));
            }

            for (int bx = 0; bx < gw; bx++)
            {
                Array.Clear(hist);
                int x0 = bx * block, x1 = Math.Min(w, x0 + block);
                for (int y = y0; y < y1; y++)
                {
                    var row = lum.AsSpan(((y - y0) * w) + x0, x1 - x0);
                    foreach (float v in row)
                    {
                        hist[Math.Clamp((int)(v * Bins), 0, Bins - 1)]++;
                    }
                }

                int target = (int)(percentile * (x1 - x0) * (y1 - y0)), acc = 0, bin = 0;
                for (; bin < Bins - 1; bin++)
                {
                    acc += hist[bin];
                    if (acc > target)
                    {
                        break;
                    }
                }

                raw[(by * gw) + bx] = (bin + 0.5f) / Bins;
            }

            PlanePool<float>.Return(lum);
        });

        // 3×3 median: a block covered by hair or a mole takes its neighbours' skin level.
        var med = new float[raw.Length];
        Span<float> win = stackalloc float[9];
        for (int y = 0; y < gh; y++)
        {
            for (int x = 0; x < gw; x++)
            {
                int n = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int yy = y + dy, xx = x + dx;
                        if ((uint)yy < (uint)gh && (uint)xx < (uint)gw)
                        {
                            win[n++] = raw[(yy * gw) + xx];
                        }
                    }
                }

                var s = win[..n];
                s.Sort();
                med[(y * gw) + x] = s[n / 2];
            }
        }

        return new IlluminationModel(med, gw, gh, block);
    }

    /// <summary>Skin luminance at a pixel: bilinear between block centres, clamped at the grid edge.</summary>
    public float SkinAt(double x, double y) =>
        (float)CellGrid.Bilinear<float>(_grid, _gw, _gh, ((x + 0.5) / _block) - 0.5, ((y + 0.5) / _block) - 0.5);

    /// <summary>
    /// Darkness plane 1 − L / L_skin, clamped to [−0.25, 1]: dots are positive; specular glints are
    /// clipped so their bright cores cannot make dark rings look like blobs.
    /// </summary>
    public float[] Darkness(float[] lum, int w, int h)
    {
        var d = new float[w * h];
        Darkness((y, row) => lum.AsSpan(y * w, w).CopyTo(row), w, h, d);
        return d;
    }

    /// <summary>
    /// Darkness plane of a photo, its luminance computed row by row, into <paramref name="d"/>
    /// (at least width × height; packed rows).
    /// </summary>
    /// <exception cref="ArgumentException">Not 1 or 3 channels, or <paramref name="d"/> too short.</exception>
    public void Darkness(PixelBuffer<byte> image, float[] d)
    {
        CheckChannels(image);
        if (d.Length < image.Width * image.Height)
        {
            throw new ArgumentException($"Darkness plane of {d.Length} is too short for {image.Width}x{image.Height}.", nameof(d));
        }

        Darkness((y, row) => Luminance(image.Row(y), image.Channels, row), image.Width, image.Height, d);
    }

    private void Darkness(RowReader readRow, int w, int h, float[] d)
    {
        // SkinAt's horizontal interpolation depends on x only: its cells and weights are found once
        // per column here, and each row only blends its two grid rows (the same arithmetic, so the
        // same values, without two clamps and a division per pixel).
        var cx0 = new int[w];
        var cx1 = new int[w];
        var cfx = new double[w];
        for (int x = 0; x < w; x++)
        {
            double gx = Math.Clamp(((x + 0.5) / _block) - 0.5, 0, _gw - 1);
            cx0[x] = Math.Min((int)gx, _gw - 2 < 0 ? 0 : _gw - 2);
            cx1[x] = Math.Min(cx0[x] + 1, _gw - 1);
            cfx[x] = gx - cx0[x];
        }

        // The two grid rows' horizontal blends depend on the row only through y0 (y1 follows from it):
        // each thread keeps them for its current y0, so all the rows of one grid band reuse them.
        Parallel.For(0, h, () => new GridRowBlend(w), (y, _, blend) =>
        {
            double gy = Math.Clamp(((y + 0.5) / _block) - 0.5, 0, _gh - 1);
            int y0 = Math.Min((int)gy, _gh - 2 < 0 ? 0 : _gh - 2), y1 = Math.Min(y0 + 1, _gh - 1);
            double fy = gy - y0;
            if (blend.Y0 != y0)
            {
                var g0 = _grid.AsSpan(y0 * _gw, _gw);
                var g1 = _grid.AsSpan(y1 * _gw, _gw);
                for (int x = 0; x < w; x++)
                {
                    int x0 = cx0[x], x1 = cx1[x];
                    double fx = cfx[x];
                    blend.Top[x] = (g0[x0] * (1 - fx)) + (g0[x1] * fx);
                    blend.Bottom[x] = (g1[x0] * (1 - fx)) + (g1[x1] * fx);
                }

                blend.Y0 = y0;
            }

            // The row's luminance goes into its output span first and is replaced in place.
            var o = d.AsSpan(y * w, w);
            var l = o;
            readRow(y, l);
            var top = blend.Top.AsSpan(0, w);
            var bot = blend.Bottom.AsSpan(0, w);
            for (int x = 0; x < w; x++)
            {
                float skin = (float)((top[x] * (1 - fy)) + (bot[x] * fy));
                o[x] = Math.Clamp(1f - (l[x] / Math.Max(skin, 1e-3f)), -0.25f, 1f);
            }

            return blend;
        }, _ => { });
    }

    // One thread's horizontal blends of grid rows y0 and y0 + 1 (Y0 −1: none yet).
    private sealed class GridRowBlend(int width)
    {
        public int Y0 { get; set; } = -1;

        public double[] Top { get; } = new double[width];

        public double[] Bottom { get; } = new double[width];
    }

    private static void CheckChannels(PixelBuffer<byte> image)
    {
        if (image.Channels is not (1 or 3))
        {
            throw new ArgumentException($"Dot detection needs 8-bit gray or RGB, got {image.Channels} channels.", nameof(image));
        }
    }

    // Writes the luminance of row y into the span.
    private delegate void RowReader(int y, Span<float> row);
}
