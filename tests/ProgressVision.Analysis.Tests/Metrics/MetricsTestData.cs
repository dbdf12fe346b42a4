using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Metrics;

namespace ProgressVision.Analysis.Tests.Metrics;

internal static class MetricsTestData
{
    public static MeasuredArea Rect(int w, int h, Func<int, int, bool>? inside = null)
    {
        var plane = new bool[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                plane[(y * w) + x] = inside?.Invoke(x, y) ?? true;
            }
        }

        return new MeasuredArea(plane, w, h);
    }

    public static PigmentDot Dot(double x, double y, double r = 2) => new(x, y, r, 0.5, 1);
}
