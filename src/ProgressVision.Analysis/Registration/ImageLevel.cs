using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// A luminance plane at some reduced resolution and how its pixels relate to the full-resolution
/// photo: full = <see cref="Scale"/>·level + <see cref="Offset"/> on both axes (box averaging by f
/// puts level pixel x at the centre of full pixels f·x .. f·x+f−1, hence the offset (f−1)/2).
/// </summary>
internal sealed class ImageLevel(PixelBuffer<float> plane, double scale, double offset) : IDisposable
{
    public PixelBuffer<float> Plane { get; } = plane;

    public double Scale { get; } = scale;

    public double Offset { get; } = offset;

    public int Width => Plane.Width;

    public int Height => Plane.Height;

    /// <summary>Level pixels → full-resolution pixels.</summary>
    public Homography ToFull => new(Scale, 0, Offset, 0, Scale, Offset, 0, 0, 1);

    /// <summary>Full-resolution pixels → level pixels.</summary>
    public Homography FromFull => new(1 / Scale, 0, -Offset / Scale, 0, 1 / Scale, -Offset / Scale, 0, 0, 1);

    /// <summary>The next level: 2×2 box average (floor size), so level x sits at previous 2x + 0.5.</summary>
    public ImageLevel Half()
    {
        int w = Width / 2, h = Height / 2;
        var dst = new PixelBuffer<float>(Math.Max(w, 1), Math.Max(h, 1), 1, clear: false);
        for (int y = 0; y < dst.Height; y++)
        {
            var a = Plane.Row(Math.Min(2 * y, Height - 1));
            var b = Plane.Row(Math.Min((2 * y) + 1, Height - 1));
            var d = dst.Row(y);
            for (int x = 0; x < d.Length; x++)
            {
                int i = 2 * x;
                d[x] = 0.25f * (a[i] + a[i + 1] + b[i] + b[i + 1]);
            }
        }

        return new ImageLevel(dst, Scale * 2, (0.5 * Scale) + Offset);
    }

    /// <summary>Homography between two levels' pixels given one between full-resolution pixels.</summary>
    public static Homography Between(Homography fullAfterToBefore, ImageLevel after, ImageLevel before) =>
        before.FromFull * fullAfterToBefore * after.ToFull;

    public void Dispose() => Plane.Dispose();
}
