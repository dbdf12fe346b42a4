using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs;

/// <summary>
/// Applies an Exif/TIFF orientation (TIFF 6.0 tag 274; Exif 2.3 §4.6.4) so the pixels come out as the
/// camera meant them to be seen. Value meanings (where stored row 0 / column 0 appear):
/// 1 top/left (as stored), 2 mirrored left-right, 3 rotated 180°, 4 mirrored top-bottom,
/// 5 transposed, 6 needs 90° clockwise rotation, 7 transverse, 8 needs 90° counter-clockwise rotation.
/// </summary>
public static class ExifOrientation
{
    /// <summary>True for 5..8, which swap width and height.</summary>
    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;

    /// <summary>
    /// Returns the upright image. For orientation 1 (or an out-of-range value) returns
    /// <paramref name="source"/> itself; otherwise a new buffer, and <paramref name="source"/> is
    /// left untouched (the caller still owns it).
    /// </summary>
    public static PixelBuffer<byte> Apply(PixelBuffer<byte> source, int orientation)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (orientation is < 2 or > 8)
        {
            return source;
        }

        int w = source.Width;
        int h = source.Height;
        int ch = source.Channels;
        bool swap = SwapsAxes(orientation);
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        var dst = new PixelBuffer<byte>(dw, dh, ch, clear: false);
        ref byte s = ref MemoryMarshal.GetReference(source.Span);
        ref byte d = ref MemoryMarshal.GetReference(dst.Span);

        for (int y = 0; y < dh; y++)
        {
            ref byte drow = ref Unsafe.Add(ref d, (nint)y * dw * ch);

            // For each destination (x, y) find the stored (sx, sy); derived from the tag definitions:
            // e.g. 6 (rotate CW): destination column x comes from stored row h-1-x, destination row y
            // from stored column y.
            for (int x = 0; x < dw; x++)
            {
                int sx, sy;
                switch (orientation)
                {
                    case 2: sx = w - 1 - x; sy = y; break;
                    case 3: sx = w - 1 - x; sy = h - 1 - y; break;
                    case 4: sx = x; sy = h - 1 - y; break;
                    case 5: sx = y; sy = x; break;
                    case 6: sx = y; sy = h - 1 - x; break;
                    case 7: sx = w - 1 - y; sy = h - 1 - x; break;
                    default: sx = w - 1 - y; sy = x; break; // 8
                }

                ref byte sp = ref Unsafe.Add(ref s, ((nint)sy * w + sx) * ch);
                ref byte dp = ref Unsafe.Add(ref drow, x * ch);
                for (int c = 0; c < ch; c++)
                {
                    Unsafe.Add(ref dp, c) = Unsafe.Add(ref sp, c);
                }
            }
        }

        return dst;
    }
}
