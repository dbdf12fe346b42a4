using System.Runtime.CompilerServices;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Drawing;

/// <summary>
/// Minimal drawing on 8-bit RGB buffers for explanatory pictures (dot overlays, boxes, heatmaps):
/// alpha-blended circles, rectangles and filled cells, clipped to the image.
/// </summary>
public sealed class Rgb24Canvas(PixelBuffer<byte> image)
{
    private readonly PixelBuffer<byte> _image = image.Channels == 3 ? image : throw new ArgumentException($"Canvas needs an RGB buffer, got {image}.", nameof(image));

    /// <summary>The image drawn on.</summary>
    public PixelBuffer<byte> Image => _image;

    /// <summary>Blends one pixel with colour (r, g, b) at opacity <paramref name="alpha"/> (0..1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Blend(int x, int y, byte r, byte g, byte b, float alpha)
    {
        if ((uint)x >= (uint)_image.Width || (uint)y >= (uint)_image.Height)
        {
            return;
        }

        var row = _image.Row(y);
        int i = 3 * x;
        row[i] = Mix(row[i], r, alpha);
        row[i + 1] = Mix(row[i + 1], g, alpha);
        row[i + 2] = Mix(row[i + 2], b, alpha);
    }

    /// <summary>A circle outline of the given thickness centred at (cx, cy).</summary>
    public void Circle(double cx, double cy, double radius, byte r, byte g, byte b, float alpha = 1f, double thickness = 1.5)
    {
        double outer = radius + (thickness / 2), inner = Math.Max(0, radius - (thickness / 2));
        int x0 = (int)Math.Floor(cx - outer), x1 = (int)Math.Ceiling(cx + outer);
        int y0 = (int)Math.Floor(cy - outer), y1 = (int)Math.Ceiling(cy + outer);
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                double d = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                if (d <= outer && d >= inner)
                {
                    Blend(x, y, r, g, b, alpha);
                }
            }
        }
    }

    /// <summary>A rectangle outline [x, y, w, h].</summary>
    public void Rectangle(double x, double y, double w, double h, byte r, byte g, byte b, float alpha = 1f, int thickness = 2)
    {
        int l = (int)x, t = (int)y, rr = (int)(x + w), bb = (int)(y + h);
        for (int k = 0; k < thickness; k++)
        {
            for (int i = l; i <= rr; i++)
            {
                Blend(i, t + k, r, g, b, alpha);
                Blend(i, bb - k, r, g, b, alpha);
            }

            for (int j = t; j <= bb; j++)
            {
                Blend(l + k, j, r, g, b, alpha);
                Blend(rr - k, j, r, g, b, alpha);
            }
        }
    }

    /// <summary>A filled rectangle.</summary>
    public void Fill(double x, double y, double w, double h, byte r, byte g, byte b, float alpha)
    {
        // Clipped once and blended row by row: a compare's heatmap fills every pixel of a 12 MP picture,
        // and a bounds check plus row lookup per pixel cost more than the blend. Same pixels, same arithmetic.
        int j0 = Math.Max((int)y, 0), j1 = Math.Min((int)Math.Ceiling(y + h), _image.Height);
        int i0 = Math.Max((int)x, 0), i1 = Math.Min((int)Math.Ceiling(x + w), _image.Width);
        if ((long)(j1 - j0) * (i1 - i0) >= LookupFillPixels)
        {
            FillByLookup(j0, j1, i0, i1, r, g, b, alpha);
            return;
        }

        for (int j = j0; j < j1; j++)
        {
            var row = _image.Row(j);
            for (int i = 3 * i0; i < 3 * i1; i += 3)
            {
                row[i] = Mix(row[i], r, alpha);
                row[i + 1] = Mix(row[i + 1], g, alpha);
                row[i + 2] = Mix(row[i + 2], b, alpha);
            }
        }
    }

    // From this many pixels a rectangle is blended through per-channel tables: Mix depends only on
    // the old byte for a given colour and alpha, so 3 × 256 blends replace one per channel per pixel
    // (a 12 MP heatmap blends every pixel once, in cells of ~25 × 25 px by default). Same bytes as the direct blend.
    private const int LookupFillPixels = 512;

    private void FillByLookup(int j0, int j1, int i0, int i1, byte r, byte g, byte b, float alpha)
    {
        Span<byte> mixed = stackalloc byte[3 * 256];
        for (int a = 0; a < 256; a++)
        {
            mixed[a] = Mix((byte)a, r, alpha);
            mixed[256 + a] = Mix((byte)a, g, alpha);
            mixed[512 + a] = Mix((byte)a, b, alpha);
        }

        ReadOnlySpan<byte> mr = mixed[..256], mg = mixed.Slice(256, 256), mb = mixed[512..];
        for (int j = j0; j < j1; j++)
        {
            var row = _image.Row(j).Slice(3 * i0, 3 * (i1 - i0));
            for (int i = 0; i + 2 < row.Length; i += 3)
            {
                row[i] = mr[row[i]];
                row[i + 1] = mg[row[i + 1]];
                row[i + 2] = mb[row[i + 2]];
            }
        }
    }

    /// <summary>
    /// A perceptually ordered colour for t in [0, 1] (dark blue → cyan → yellow → red), for heatmaps.
    /// Piecewise-linear through four anchors; no external colormap needed.
    /// </summary>
    public static (byte R, byte G, byte B) HeatColor(double t)
    {
        t = Math.Clamp(double.IsFinite(t) ? t : 0, 0, 1);
        ReadOnlySpan<double> stops = [0, 0.33, 0.66, 1];
        ReadOnlySpan<byte> rs = [30, 40, 250, 220];
        ReadOnlySpan<byte> gs = [40, 190, 220, 40];
        ReadOnlySpan<byte> bs = [140, 220, 60, 30];
        int k = t >= stops[2] ? 2 : t >= stops[1] ? 1 : 0;
        double f = (t - stops[k]) / (stops[k + 1] - stops[k]);
        return ((byte)(rs[k] + (f * (rs[k + 1] - rs[k]))), (byte)(gs[k] + (f * (gs[k + 1] - gs[k]))), (byte)(bs[k] + (f * (bs[k + 1] - bs[k]))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Mix(byte a, byte b, float alpha) => (byte)Math.Clamp((int)((a * (1 - alpha)) + (b * alpha) + 0.5f), 0, 255);
}
