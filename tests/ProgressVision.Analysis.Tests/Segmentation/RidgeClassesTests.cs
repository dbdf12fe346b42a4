using ProgressVision.Analysis.Segmentation;

namespace ProgressVision.Analysis.Tests.Segmentation;

/// <summary>Hysteresis classes of ridge rows: vector body against the scalar reference, and hand-picked values.</summary>
public sealed class RidgeClassesTests
{
    [Trait("Category", "KernelEquivalence")]
    [Fact]
    public void Classes_match_the_scalar_reference_at_every_width()
    {
        var rng = new Random(31);
        const float hi = 0.6f, lo = 0.3f;
        for (int w = 0; w <= 67; w++)
        {
            var ridge = new float[w];
            for (int i = 0; i < w; i++)
            {
                // Values around both levels, the levels themselves, and NaN now and then.
                ridge[i] = (i % 11) switch { 0 => float.NaN, 1 => hi, 2 => lo, _ => (float)rng.NextDouble() };
            }

            var fast = new byte[w];
            var reference = new byte[w];
            RidgeClasses.Classify(ridge, fast, hi, lo);
            RidgeClasses.ClassifyScalar(ridge, reference, hi, lo);
            Assert.Equal(reference, fast);
        }
    }

    [Fact]
    public void Classes_of_hand_picked_values()
    {
        // Strictly above the seed level → Seed; strictly above the grow level → Candidate; a level itself,
        // below, NaN → 0. Repeated past one vector width so both paths see each case.
        float[] values = [0.61f, 0.6f, 0.31f, 0.3f, 0.1f, float.NaN, -1f, 5f];
        byte[] expected = [255, 128, 128, 0, 0, 0, 0, 255];
        var ridge = Enumerable.Repeat(values, 6).SelectMany(v => v).ToArray();
        var classes = new byte[ridge.Length];
        RidgeClasses.Classify(ridge, classes, 0.6f, 0.3f);
        Assert.Equal(Enumerable.Repeat(expected, 6).SelectMany(v => v).ToArray(), classes);
    }
}
