using System.Runtime.CompilerServices;

namespace ProgressVision.Synth.Randomness;

/// <summary>
/// The synthesiser's own pseudo-random generator (SplitMix64, Steele, Lea &amp; Flood 2014). Used
/// instead of <see cref="System.Random"/> because that class's algorithm is not a stable contract:
/// every case must re-render bit-identically from its seed on every runtime and platform.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Starts a stream at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A generator for a named sub-stream, so adding draws to one part of the scene does not shift another.</summary>
    public static SplitMix64 ForStream(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + 0x9E3779B97F4A7C15UL)));

    /// <summary>Next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="lo"/>, <paramref name="hi"/>).</summary>
    public double Uniform(double lo, double hi) => lo + ((hi - lo) * NextDouble());

    /// <summary>Uniform integer in [0, <paramref name="n"/>).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((NextUInt64() >> 33) % (ulong)n);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal deviate (Box–Muller; one value per call keeps the stream simple).</summary>
    public double Normal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log stays finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Normal deviate with the given mean and standard deviation.</summary>
    public double Normal(double mean, double sd) => mean + (sd * Normal());

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit avalanche mix, also used as a stateless hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Stateless hash of a seed and two integer coordinates to [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Hash01(ulong seed, int x, int y, int salt = 0)
    {
        ulong h = Mix(seed ^ Mix(((ulong)(uint)x << 32) | (uint)y) ^ ((ulong)(uint)salt * 0xD6E8FEB86659FD93UL));
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
