using System.Runtime.CompilerServices;

namespace ProgressVision.Synth.Randomness;

/// <summary>
/// Deterministic smooth 2-D value noise (hash of lattice corners, quintic interpolation) and its
/// fractal sum. Evaluated in world millimetres so texture is attached to the scalp, not to the photo.
/// </summary>
public readonly struct ValueNoise(ulong seed)
{
    private readonly ulong _seed = seed;

    /// <summary>Noise in [-1, 1] with features about one unit across.</summary>
    public double At(double x, double y)
    {
        double fx = Math.Floor(x), fy = Math.Floor(y);
        int ix = (int)fx, iy = (int)fy;
        double tx = Fade(x - fx), ty = Fade(y - fy);
        double a = Corner(ix, iy), b = Corner(ix + 1, iy), c = Corner(ix, iy + 1), d = Corner(ix + 1, iy + 1);
        double top = a + ((b - a) * tx), bottom = c + ((d - c) * tx);
        return top + ((bottom - top) * ty);
    }

    /// <summary>
    /// Fractal sum of <paramref name="octaves"/> octaves starting at feature size <paramref name="scale"/>
    /// (each octave half the size and half the amplitude), normalised to roughly [-1, 1].
    /// </summary>
    public double Fractal(double x, double y, double scale, int octaves)
    {
        double sum = 0, amp = 1, norm = 0, f = 1.0 / scale;
        for (int o = 0; o < octaves; o++)
        {
            // Offsetting each octave decorrelates lattice artefacts between octaves.
            sum += amp * At((x * f) + (o * 17.31), (y * f) - (o * 11.17));
            norm += amp;
            amp *= 0.5;
            f *= 2.0;
        }

        return sum / norm;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Corner(int ix, int iy) => (SplitMix64.Hash01(_seed, ix, iy) * 2.0) - 1.0;

    // 6t^5 - 15t^4 + 10t^3: C2-continuous, so shading derived from the noise has no creases.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Fade(double t) => t * t * t * ((t * ((t * 6) - 15)) + 10);
}
