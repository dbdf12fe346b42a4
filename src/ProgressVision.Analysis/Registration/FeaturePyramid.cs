using System.Numerics.Tensors;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Multi-scale corners for binary features: Harris corners on scale levels 2^(1/3) apart (so a
/// scale change of 0.7–1.4 between sessions always has a level within 12% of the right size),
/// each with its intensity-centroid orientation. The smoothed levels (and their band-passed copies,
/// which the descriptors read) stay alive so descriptors can
/// be computed more than once (own orientation, or a fixed angle per rotation hypothesis).
/// </summary>
internal sealed class FeaturePyramid : IDisposable
{
    private const int Cell = 24;

    // Radius of the local mean removed before describing: the light gradient and specular glow
    // across a 65 px patch are larger than the skin texture on dark skin, so without this the bits
    // record which way the light falls (different in each session) instead of the texture.
    private const int BandRadius = 12;
    private static readonly double ThirdOctave = Math.Pow(2, 1.0 / 3);

    private readonly List<ImageLevel> _levels;
    private readonly List<PixelBuffer<float>> _smooth = [];
    private readonly List<PixelBuffer<float>> _band = [];
    private readonly List<(int Level, int X, int Y, float Angle, float Response)> _corners = [];

    public FeaturePyramid(PixelBuffer<float> basePlane, RegistrationOptions options)
    {
        _levels = BuildLevels(basePlane, options.FeatureScaleLevels);
        double totalArea = _levels.Sum(l => (double)l.Width * l.Height);
        for (int li = 0; li < _levels.Count; li++)
        {
            var level = _levels[li];
            var smooth = BoxFilter.Mean(level.Plane, 2);
            _smooth.Add(smooth);
            _band.Add(BandPass(smooth, BandRadius));
            int quota = (int)(options.MaxKeypoints * ((double)level.Width * level.Height) / totalArea) + 1;
            int cells = Math.Max(1, (level.Width / Cell) * (level.Height / Cell));
            int perCell = Math.Max(1, (int)Math.Ceiling(quota * 1.5 / cells));
            var corners = CornerDetector.Detect(smooth, OrientedBrief.PatchRadius + 2, Cell, perCell);
            if (corners.Count > quota)
            {
                corners.Sort((p, q) => q.R.CompareTo(p.R));
                corners.RemoveRange(quota, corners.Count - quota);
            }

            foreach (var (x, y, r) in corners)
            {
                _corners.Add((li, x, y, OrientedBrief.Orientation(smooth, x, y), r));
            }
        }
    }

    public int Count => _corners.Count;

    /// <summary>
    /// Descriptors of every corner, steered by its own orientation or, when <paramref name="fixedAngle"/>
    /// is given, all by that angle (for patterns such as pigment dots, whose local orientation is noise).
    /// Positions are in the base level's pixels.
    /// </summary>
    public FeatureSet Describe(OrientedBrief brief, float? fixedAngle)
    {
        var keypoints = new Keypoint[_corners.Count];
        var descriptors = new ulong[_corners.Count * OrientedBrief.Words];
        for (int i = 0; i < _corners.Count; i++)
        {
            var (li, x, y, angle, r) = _corners[i];
            float a = fixedAngle ?? angle;
            brief.Describe(_band[li], x, y, a, descriptors.AsSpan(i * OrientedBrief.Words, OrientedBrief.Words));
            var (bx, by) = _levels[li].ToFull.Map(x, y);
            keypoints[i] = new Keypoint((float)bx, (float)by, a, li, r);
        }

        return new FeatureSet(keypoints, descriptors);
    }

    public void Dispose()
    {
        foreach (var s in _smooth)
        {
            s.Dispose();
        }

        foreach (var b in _band)
        {
            b.Dispose();
        }

        // Level 0 is the caller's plane.
        for (int i = 1; i < _levels.Count; i++)
        {
            _levels[i].Dispose();
        }
    }

    // smooth − (2r+1)² box mean of smooth.
    private static PixelBuffer<float> BandPass(PixelBuffer<float> smooth, int radius)
    {
        var band = smooth.Clone();
        using var mean = BoxFilter.Mean(smooth, radius);
        for (int y = 0; y < band.Height; y++)
        {
            TensorPrimitives.Subtract(band.Row(y), mean.Row(y), band.Row(y));
        }

        return band;
    }

    // Levels 0..2 are the base and two resampled copies; every further level halves the one three
    // below it, which costs a 2×2 average instead of a blur and a resample.
    private static List<ImageLevel> BuildLevels(PixelBuffer<float> basePlane, int count)
    {
        var levels = new List<ImageLevel> { new(basePlane, 1, 0) };
        const int minSize = (2 * OrientedBrief.PatchRadius) + 40;
        for (int k = 1; k < count; k++)
        {
            var next = k < 3 ? Resample(basePlane, Math.Pow(ThirdOctave, k)) : levels[k - 3].Half();
            if (next.Width < minSize || next.Height < minSize)
            {
                next.Dispose();
                break;
            }

            levels.Add(next);
        }

        return levels;
    }

    // Shrink by r (1 < r < 2): 3×3 mean against aliasing, then bilinear sampling so that output
    // pixel x covers base pixels around r·x + (r − 1)/2.
    private static ImageLevel Resample(PixelBuffer<float> src, double r)
    {
        using var blurred = BoxFilter.Mean(src, 1);
        double offset = (r - 1) / 2;
        int w = (int)((src.Width - 1 - offset) / r) + 1, h = (int)((src.Height - 1 - offset) / r) + 1;
        var dst = new PixelBuffer<float>(w, h, 1, clear: false);
        for (int y = 0; y < h; y++)
        {
            double sy = Math.Min((r * y) + offset, src.Height - 1.0001);
            int y0 = (int)sy;
            float fy = (float)(sy - y0);
            var r0 = blurred.Row(y0);
            var r1 = blurred.Row(Math.Min(y0 + 1, src.Height - 1));
            var d = dst.Row(y);
            for (int x = 0; x < w; x++)
            {
                double sx = Math.Min((r * x) + offset, src.Width - 1.0001);
                int x0 = (int)sx;
                float fx = (float)(sx - x0);
                int x1 = Math.Min(x0 + 1, src.Width - 1);
                float top = r0[x0] + (fx * (r0[x1] - r0[x0]));
                float bottom = r1[x0] + (fx * (r1[x1] - r1[x0]));
                d[x] = top + (fy * (bottom - top));
            }
        }

        return new ImageLevel(dst, r, offset);
    }
}
