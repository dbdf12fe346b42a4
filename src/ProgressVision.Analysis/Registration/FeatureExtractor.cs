using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Multi-scale oriented binary features: Harris corners on scale levels 2^(1/3) apart (so a scale
/// change of 0.7–1.4 between sessions always has a level within 12% of the right size), intensity
/// centroid orientation and steered BRIEF. Positions are returned in the base level's pixels.
/// </summary>
internal sealed class FeatureExtractor(RegistrationOptions options)
{
    private const int Cell = 24;
    private static readonly double ThirdOctave = Math.Pow(2, 1.0 / 3);

    private readonly OrientedBrief _brief = new(options.DescriptorSeed);

    public FeatureSet Extract(PixelBuffer<float> basePlane)
    {
        var levels = BuildLevels(basePlane);
        try
        {
            double totalArea = levels.Sum(l => (double)l.Width * l.Height);
            var keypoints = new List<Keypoint>();
            var descriptors = new List<ulong>();
            Span<ulong> d = stackalloc ulong[OrientedBrief.Words];
            for (int li = 0; li < levels.Count; li++)
            {
                var level = levels[li];
                using var smooth = BoxFilter.Mean(level.Plane, 2);
                int quota = (int)(options.MaxKeypoints * level.Width * level.Height / totalArea) + 1;
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
                    float angle = OrientedBrief.Orientation(smooth, x, y);
                    _brief.Describe(smooth, x, y, angle, d);
                    var (bx, by) = level.ToFull.Map(x, y);
                    keypoints.Add(new Keypoint((float)bx, (float)by, angle, li, r));
                    foreach (var word in d)
                    {
                        descriptors.Add(word);
                    }
                }
            }

            return new FeatureSet([.. keypoints], [.. descriptors]);
        }
        finally
        {
            foreach (var l in levels)
            {
                if (!ReferenceEquals(l.Plane, basePlane))
                {
                    l.Dispose();
                }
            }
        }
    }

    // Levels 0..2 are the base and two resampled copies; every further level halves the one three
    // below it, which costs a 2×2 average instead of a blur and a resample.
    private List<ImageLevel> BuildLevels(PixelBuffer<float> basePlane)
    {
        var levels = new List<ImageLevel> { new(basePlane, 1, 0) };
        const int minSize = (2 * OrientedBrief.PatchRadius) + 40;
        for (int k = 1; k < options.FeatureScaleLevels; k++)
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
