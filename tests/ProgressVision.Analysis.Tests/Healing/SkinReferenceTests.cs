using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Tests.Healing;

public class SkinReferenceTests
{
    [Fact]
    public void Ignores_dark_pigment_and_invalid_pixels()
    {
        // 60% skin at L=70,a=12,b=18; 40% pigment at L=25,a=1,b=2; an invalid block of bright red.
        var lab = new List<float>();
        var valid = new List<byte>();
        for (int i = 0; i < 1000; i++)
        {
            bool skin = i % 5 < 3;
            lab.AddRange(skin ? [70f, 12f, 18f] : [25f, 1f, 2f]);
            valid.Add(1);
        }

        for (int i = 0; i < 500; i++)
        {
            lab.AddRange([90f, 60f, 40f]);
            valid.Add(0);
        }

        var r = SkinReference.Estimate(lab.ToArray(), valid.ToArray());
        Assert.Equal(new SkinReference(70, 12, 18), r);
    }
}
