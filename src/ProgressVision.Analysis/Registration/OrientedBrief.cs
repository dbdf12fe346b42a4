using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Registration;

/// <summary>
/// Steered BRIEF: 256 intensity comparisons between point pairs of a fixed, seeded pattern, rotated
/// by the keypoint's orientation (Rublee et al., "ORB", ICCV 2011). Binary comparisons are
/// invariant to any monotonic brightness change, so exposure and white balance do not disturb them.
/// </summary>
/// <remarks>
/// The patch is wider than ORB's 31 px and the pairs are spread over it: on a treated scalp the
/// corners sit on pigment dots (6–20 px across at 0.05 mm/px, 25–45 px apart), and a patch that
/// only sees its own dot gives every keypoint nearly the same descriptor. On very dark skin, ORB's
/// 31 px centre-weighted pattern left true correspondences about 67 bits apart while the nearest
/// wrong keypoint was about 31 bits away (tuning seed Hard-7004); the wide pattern brings in the
/// neighbouring dots that make a place recognisable.
/// </remarks>
internal sealed class OrientedBrief
{
    /// <summary>Bits per descriptor.</summary>
    public const int Bits = 256;

    /// <summary>ulongs per descriptor.</summary>
    public const int Words = Bits / 64;

    /// <summary>Radius of the orientation patch; keypoints must be this far from the border (+1).</summary>
    public const int PatchRadius = 32;

    // Pattern points stay inside radius 30 so that, rotated and rounded, they stay inside the patch.
    private const double PatternRadius = 30;

    private readonly sbyte[] _pattern; // x1, y1, x2, y2 per bit

    public OrientedBrief(int seed)
    {
        // Gaussian pairs ("G II" of Calonder et al., ECCV 2010) with σ = patch size / 3 instead of
        // their / 5: the points reach the neighbouring dots instead of crowding on the centre one
        // (see remarks). SplitMix64 rather than System.Random so the pattern can never change with
        // the runtime.
        _pattern = new sbyte[Bits * 4];
        ulong state = (ulong)seed;
        double sigma = ((2 * PatchRadius) + 1) / 3.0;
        for (int i = 0; i < _pattern.Length; i += 2)
        {
            double x, y;
            do
            {
                x = Gaussian(ref state) * sigma;
                y = Gaussian(ref state) * sigma;
            }
            while ((x * x) + (y * y) > PatternRadius * PatternRadius);

            _pattern[i] = (sbyte)Math.Round(x);
            _pattern[i + 1] = (sbyte)Math.Round(y);
        }
    }

    /// <summary>Orientation by intensity centroid over the circular patch (radians, y down).</summary>
    public static float Orientation(PixelBuffer<float> smooth, int cx, int cy)
    {
        double m10 = 0, m01 = 0;
        const int r = PatchRadius;
        for (int dy = -r; dy <= r; dy++)
        {
            var row = smooth.Row(cy + dy);
            int half = (int)Math.Sqrt((r * r) - (dy * dy));
            double rowSum = 0;
            for (int dx = -half; dx <= half; dx++)
            {
                float v = row[cx + dx];
                m10 += dx * v;
                rowSum += v;
            }

            m01 += dy * rowSum;
        }

        return (float)Math.Atan2(m01, m10);
    }

    /// <summary>Writes the 4-word descriptor of the keypoint at (cx, cy) with the given angle.</summary>
    public void Describe(PixelBuffer<float> smooth, int cx, int cy, float angle, Span<ulong> descriptor)
    {
        float c = MathF.Cos(angle), s = MathF.Sin(angle);
        descriptor[..Words].Clear();
        for (int b = 0; b < Bits; b++)
        {
            int i = b * 4;
            float x1 = _pattern[i], y1 = _pattern[i + 1], x2 = _pattern[i + 2], y2 = _pattern[i + 3];
            int ax = cx + (int)MathF.Round((c * x1) - (s * y1)), ay = cy + (int)MathF.Round((s * x1) + (c * y1));
            int bx = cx + (int)MathF.Round((c * x2) - (s * y2)), by = cy + (int)MathF.Round((s * x2) + (c * y2));
            if (smooth[ax, ay] < smooth[bx, by])
            {
                descriptor[b >> 6] |= 1UL << (b & 63);
            }
        }
    }

    private static double Gaussian(ref ulong state)
    {
        // Box–Muller on two uniforms in (0, 1].
        double u1 = (Next(ref state) >> 11) * (1.0 / (1UL << 53)), u2 = (Next(ref state) >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
