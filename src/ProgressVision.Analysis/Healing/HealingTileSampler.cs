using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Color;

namespace ProgressVision.Analysis.Healing;

/// <summary>
/// Turns an aligned BEFORE/AFTER pair into the healing model's input planes and cuts tiles from them.
/// </summary>
/// <remarks>
/// Both photos must already be in BEFORE pixel coordinates (AFTER warped onto BEFORE) with a mask of
/// pixels valid in both. Work happens at 1/<see cref="HealingTileLayout.Downscale"/> resolution.
/// </remarks>
public sealed class HealingTileSampler : IDisposable
{
    private readonly PixelBuffer<float> _planes; // Channels planes stacked: plane c occupies rows [c*H, (c+1)*H)
    private readonly PixelBuffer<byte> _valid;

    // The skin-like limit, 10 L* below the skin reference, in plane units.
    private const float SkinLikeLPlane = -10f / HealingTileLayout.LScale;

    /// <summary>Prepares the planes for a pair.</summary>
    /// <param name="before">BEFORE photo, 8-bit RGB.</param>
    /// <param name="afterOnBefore">AFTER photo warped onto BEFORE, 8-bit RGB, same size.</param>
    /// <param name="validMask">Non-zero where both photos have data (same size, 1 channel).</param>
    public HealingTileSampler(PixelBuffer<byte> before, PixelBuffer<byte> afterOnBefore, PixelBuffer<byte> validMask)
    {
        if (before.Channels != 3 || !before.SameShape(afterOnBefore) || validMask.Width != before.Width || validMask.Height != before.Height)
        {
            throw new ArgumentException($"Healing needs two RGB images of one size and a matching mask; got {before}, {afterOnBefore}, {validMask}.");
        }

        const int f = HealingTileLayout.Downscale;
        Width = Math.Max(1, before.Width / f);
        Height = Math.Max(1, before.Height / f);
        _valid = DownscaleMask(validMask, Width, Height);
        // FillPlanes writes every pixel of every plane, so the 6-plane buffer need not be cleared first.
        _planes = new PixelBuffer<float>(Width, Height * HealingTileLayout.Channels, 1, clear: false);
        using var beforeLab = ToLab(before, Width, Height);
        using var afterLab = ToLab(afterOnBefore, Width, Height);
        // The two references are independent sorts: one per core.
        SkinReference beforeSkin = default, afterSkin = default;
        var small = _valid;
        Parallel.Invoke(
            () => beforeSkin = SkinReference.Estimate(beforeLab.Span, small.Span),
            () => afterSkin = SkinReference.Estimate(afterLab.Span, small.Span));
        BeforeSkin = beforeSkin;
        AfterSkin = afterSkin;
        FillPlanes(beforeLab, BeforeSkin, 0);
        FillPlanes(afterLab, AfterSkin, 3);
    }

    /// <summary>Width of the downscaled planes.</summary>
    public int Width { get; }

    /// <summary>Height of the downscaled planes.</summary>
    public int Height { get; }

    /// <summary>BEFORE skin reference.</summary>
    public SkinReference BeforeSkin { get; }

    /// <summary>AFTER skin reference.</summary>
    public SkinReference AfterSkin { get; }

    /// <summary>Row <paramref name="y"/> of the validity mask (non-zero: inside both photos, where the planes carry signal), for whole-row work.</summary>
    public ReadOnlySpan<byte> ValidRow(int y) => _valid.Row(y);

    /// <summary>Row <paramref name="y"/> of channel <paramref name="c"/>, for whole-row work.</summary>
    public ReadOnlySpan<float> PlaneRow(int c, int y) => _planes.Row((c * Height) + y);

    /// <summary>
    /// Whether a pixel with validity <paramref name="valid"/> and L* plane value <paramref name="l"/> (channel 0 BEFORE,
    /// 3 AFTER) is skin-like: valid, and L* no more than 10 below that photo's skin reference, so pigment dots, hair
    /// and shadows do not dilute a skin measure (redness, skin light).
    /// </summary>
    public static bool SkinLike(byte valid, float l) => valid != 0 && l > SkinLikeLPlane;

    /// <summary>
    /// Tile origins (downscaled pixels) on a grid with the given stride, keeping tiles that are at
    /// least <see cref="HealingTileLayout.MinValidFraction"/> valid and, when <paramref name="include"/>
    /// is given, accepted by it. With <paramref name="reachFarEdges"/>, a last column and row of tiles
    /// flush with the right and bottom edges is added where the grid stops short of them, so no strip of
    /// the photo goes unexamined (a 500-px-wide plane with 64-px tiles on a 32-px grid otherwise ends at 480).
    /// </summary>
    public List<(int X, int Y)> TileOrigins(int stride, Func<int, int, bool>? include = null, bool reachFarEdges = false)
    {
        var list = new List<(int X, int Y)>();
        var xs = Positions(Width, stride, reachFarEdges);
        foreach (int y in Positions(Height, stride, reachFarEdges))
        {
            foreach (int x in xs)
            {
                if (ValidFraction(x, y) >= HealingTileLayout.MinValidFraction && (include is null || include(x, y)))
                {
                    list.Add((x, y));
                }
            }
        }

        return list;
    }

    // Tile starts along one axis: 0, stride, … while a tile fits, then (optionally) length − tile when the last
    // grid tile does not reach the end.
    private static List<int> Positions(int length, int stride, bool reachEnd)
    {
        const int s = HealingTileLayout.TileSize;
        var starts = new List<int>();
        for (int p = 0; p + s <= length; p += stride)
        {
            starts.Add(p);
        }

        if (reachEnd && starts.Count > 0 && starts[^1] + s < length)
        {
            starts.Add(length - s);
        }

        return starts;
    }

    /// <summary>Fraction of valid pixels in the tile at (x, y).</summary>
    public float ValidFraction(int x0, int y0)
    {
        const int s = HealingTileLayout.TileSize;
        int count = 0;
        for (int y = y0; y < y0 + s; y++)
        {
            // The downscaled mask holds only 0 and 1, so the count of valid pixels is the count of non-zeros.
            count += s - _valid.Row(y).Slice(x0, s).Count((byte)0);
        }

        return count / (float)(s * s);
    }

    /// <summary>
    /// Copies the tile at (x, y) with <paramref name="context"/> pixels around it into <paramref name="destination"/>
    /// in CHW order ([6, 64 + 2·context, 64 + 2·context]); pixels off the planes are 0, as invalid pixels are.
    /// </summary>
    public void CopyTile(int x0, int y0, Span<float> destination, int context = 0) =>
        TileInput.Cut(_planes.Span, Height, Width, x0, y0, context, destination);

    /// <summary>All six planes, CHW ([6, <see cref="Height"/>, <see cref="Width"/>]): the dense model's input as it stands.</summary>
    public ReadOnlyMemory<float> Planes => _planes.Memory;

    /// <summary>Copies rows [<paramref name="y0"/>, <paramref name="y1"/>) of all six planes into <paramref name="destination"/>, CHW.</summary>
    public void CopyRows(int y0, int y1, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(y1, Height);
        int rows = y1 - y0, n = rows * Width;
        if (rows <= 0 || destination.Length < HealingTileLayout.Channels * n)
        {
            throw new ArgumentException($"Rows [{y0}, {y1}) of {HealingTileLayout.Channels} planes need {HealingTileLayout.Channels * Math.Max(0, n)} floats.", nameof(destination));
        }

        var all = _planes.Span;
        for (int c = 0; c < HealingTileLayout.Channels; c++)
        {
            // Rows are packed, so a channel's run of rows is one contiguous block.
            all.Slice(((c * Height) + y0) * Width, n).CopyTo(destination.Slice(c * n, n));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _planes.Dispose();
        _valid.Dispose();
    }

    private void FillPlanes(PixelBuffer<float> lab, SkinReference skin, int firstChannel)
    {
        Parallel.For(0, Height, y =>
        {
            var src = lab.Row(y);
            var valid = _valid.Row(y);
            var pl = _planes.Row((firstChannel * Height) + y);
            var pa = _planes.Row(((firstChannel + 1) * Height) + y);
            var pb = _planes.Row(((firstChannel + 2) * Height) + y);
            for (int x = 0; x < Width; x++)
            {
                if (valid[x] == 0)
                {
                    // Invalid pixels read as "exactly skin" so they carry no signal.
                    pl[x] = pa[x] = pb[x] = 0;
                    continue;
                }

                pl[x] = (src[3 * x] - skin.L) / HealingTileLayout.LScale;
                pa[x] = (src[(3 * x) + 1] - skin.A) / HealingTileLayout.ChromaScale;
                pb[x] = (src[(3 * x) + 2] - skin.B) / HealingTileLayout.ChromaScale;
            }
        });
    }

    // Box-average f×f RGB blocks, then convert to Lab: averaging in sRGB before Lab is what a camera
    // at half resolution would record, and it is 4× cheaper than converting first. Rows are independent:
    // each is averaged into a byte row and converted by the vectorised span kernel.
    private static PixelBuffer<float> ToLab(PixelBuffer<byte> rgb, int w, int h)
    {
        var lab = new PixelBuffer<float>(w, h, 3, clear: false);
        Parallel.For(0, h, () => new byte[3 * w], (y, _, row) =>
        {
            BoxAverageRow(rgb, y, row);
            ColorConversion.RgbToLab(row, lab.Row(y));
            return row;
        }, _ => { });
        return lab;
    }

    // Row y of the f×f box average, rounded half up; blocks cut by the image edge average what they hold.
    private static void BoxAverageRow(PixelBuffer<byte> rgb, int y, Span<byte> dst)
    {
        const int f = HealingTileLayout.Downscale;
        int w = dst.Length / 3;
        if (f == 2 && (2 * y) + 1 < rgb.Height && 2 * w <= rgb.Width)
        {
            // Whole 2×2 blocks (all of them unless the photo is 1 px wide or tall): add 4 bytes, round, halve twice.
            var r0 = rgb.Row(2 * y);
            var r1 = rgb.Row((2 * y) + 1);
            for (int x = 0; x < w; x++)
            {
                int i = 6 * x;
                dst[3 * x] = (byte)((r0[i] + r0[i + 3] + r1[i] + r1[i + 3] + 2) >> 2);
                dst[(3 * x) + 1] = (byte)((r0[i + 1] + r0[i + 4] + r1[i + 1] + r1[i + 4] + 2) >> 2);
                dst[(3 * x) + 2] = (byte)((r0[i + 2] + r0[i + 5] + r1[i + 2] + r1[i + 5] + 2) >> 2);
            }

            return;
        }

        for (int x = 0; x < w; x++)
        {
            int r = 0, g = 0, b = 0, n = 0;
            for (int dy = 0; dy < f && (y * f) + dy < rgb.Height; dy++)
            {
                var src = rgb.Row((y * f) + dy);
                for (int dx = 0; dx < f && (x * f) + dx < rgb.Width; dx++)
                {
                    int i = 3 * ((x * f) + dx);
                    r += src[i];
                    g += src[i + 1];
                    b += src[i + 2];
                    n++;
                }
            }

            dst[3 * x] = (byte)((r + (n / 2)) / n);
            dst[(3 * x) + 1] = (byte)((g + (n / 2)) / n);
            dst[(3 * x) + 2] = (byte)((b + (n / 2)) / n);
        }
    }

    private static PixelBuffer<byte> DownscaleMask(PixelBuffer<byte> mask, int w, int h)
    {
        const int f = HealingTileLayout.Downscale;
        var dst = new PixelBuffer<byte>(w, h, 1, clear: false);
        Parallel.For(0, h, y =>
        {
            var d = dst.Row(y);
            for (int x = 0; x < w; x++)
            {
                // A downscaled pixel is valid only if every source pixel is: no half-warped borders.
                bool all = true;
                for (int dy = 0; dy < f && all; dy++)
                {
                    var src = mask.Row(Math.Min((y * f) + dy, mask.Height - 1));
                    for (int dx = 0; dx < f; dx++)
                    {
                        if (src[Math.Min((x * f) + dx, mask.Width - 1)] == 0)
                        {
                            all = false;
                            break;
                        }
                    }
                }

                d[x] = all ? (byte)1 : (byte)0;
            }
        });
        return dst;
    }
}
