using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Reports.Guide;

/// <summary>
/// The capture guide: the previous photo of a view as a translucent "ghost" (RGBA), with a
/// rule-of-thirds grid and a centre cross drawn opaque, for staff to lay over the camera preview and
/// reproduce the framing at the next session.
/// </summary>
public static class CaptureGhost
{
    /// <summary>Opacity of the photo in the ghost (about 45 %: the live scene stays visible through it).</summary>
    public const byte PhotoAlpha = 115;

    /// <summary>Builds the RGBA ghost of an upright RGB photo.</summary>
    public static PixelBuffer<byte> Build(PixelBuffer<byte> rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        int w = rgb.Width, h = rgb.Height;
        var ghost = new PixelBuffer<byte>(w, h, 4, clear: false);
        int line = Math.Max(1, Math.Min(w, h) / 400);
        for (int y = 0; y < h; y++)
        {
            var s = rgb.Row(y);
            var d = ghost.Row(y);
            for (int x = 0; x < w; x++)
            {
                if (IsGuide(x, y, w, h, line))
                {
                    d[4 * x] = d[(4 * x) + 1] = d[(4 * x) + 2] = 255;
                    d[(4 * x) + 3] = 255;
                    continue;
                }

                d[4 * x] = s[3 * x];
                d[(4 * x) + 1] = s[(3 * x) + 1];
                d[(4 * x) + 2] = s[(3 * x) + 2];
                d[(4 * x) + 3] = PhotoAlpha;
            }
        }

        return ghost;
    }

    /// <summary>True on the thirds grid lines and on the centre cross (a tenth of the short side long).</summary>
    public static bool IsGuide(int x, int y, int w, int h, int line)
    {
        bool onThirdX = Near(x, w / 3, line) || Near(x, 2 * w / 3, line);
        bool onThirdY = Near(y, h / 3, line) || Near(y, 2 * h / 3, line);
        int arm = Math.Min(w, h) / 20;
        bool cross = (Near(x, w / 2, line) && Math.Abs(y - (h / 2)) <= arm) || (Near(y, h / 2, line) && Math.Abs(x - (w / 2)) <= arm);
        return onThirdX || onThirdY || cross;
    }

    private static bool Near(int v, int at, int line) => v >= at && v < at + line;
}
