using System.Runtime.CompilerServices;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>Bilinear reads of a float plane, NaN off the image (pixel centres at integers).</summary>
internal readonly ref struct PlaneSampler(PixelBuffer<float> plane)
{
    private readonly ReadOnlySpan<float> _data = plane.Span;
    private readonly int _w = plane.Width;
    private readonly int _h = plane.Height;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float At(double x, double y)
    {
        if (!(x >= 0 && y >= 0 && x < _w - 1 && y < _h - 1))
        {
            return float.NaN;
        }

        int x0 = (int)x, y0 = (int)y;
        float fx = (float)(x - x0), fy = (float)(y - y0);
        int i = (y0 * _w) + x0;
        float top = _data[i] + (fx * (_data[i + 1] - _data[i]));
        float bottom = _data[i + _w] + (fx * (_data[i + _w + 1] - _data[i + _w]));
        return top + (fy * (bottom - top));
    }
}
