using ProgressVision.Analysis.Registration;

namespace ProgressVision.Analysis.Tests.Registration;

public sealed class HammingTests
{
    [Fact]
    [Trait("Category", "KernelEquivalence")]
    public void VectorMatchesNaiveAtEveryLength()
    {
        var rng = new Random(3);
        for (int n = 0; n <= 67; n++)
        {
            var a = new ulong[n];
            var b = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                a[i] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
                b[i] = (ulong)rng.NextInt64();
            }

            Assert.Equal(Hamming.DistanceScalar(a, b), Hamming.Distance(a, b));
        }
    }

    [Fact]
    public void KnownDistances()
    {
        Assert.Equal(0, Hamming.Distance([0xFFUL, 1UL, 0, 0], [0xFFUL, 1UL, 0, 0]));
        Assert.Equal(256, Hamming.Distance([ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue], [0, 0, 0, 0]));
        Assert.Equal(3, Hamming.Distance([0b1011UL, 0, 0, 0], [0UL, 0, 0, 0]));
    }

    [Fact]
    public void LengthMismatchThrows() =>
        Assert.Throws<ArgumentException>(() => Hamming.Distance([1UL, 2UL], [1UL]));
}
