namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>The geometry the recommendation truth uses on empty patches the frame cuts, against hand-computed values.</summary>
public class SynthRecommendationTruthTests
{
    [Fact]
    public void Inscribed_diameter_of_a_rectangle_is_its_short_side()
    {
        Assert.Equal(40, SynthRecommendationTruth.InscribedDiameter([(0, 0), (100, 0), (100, 40), (0, 40)]), 0);
    }

    [Fact]
    public void Inscribed_diameter_of_a_circular_segment_is_its_height()
    {
        // A disc of radius 50 centred 20 px above the frame, cut by the frame's top edge (y = −0.5): the part in the
        // photo is a circular segment 30.5 px high, under a semicircle, so its largest disc touches the chord and the
        // arc on the axis of symmetry: diameter 30.5 (to the pixel grid's ±1).
        var circle = Enumerable.Range(0, 720).Select(i => (X: 50 + (50 * Math.Cos(i * Math.PI / 360)), Y: -20 + (50 * Math.Sin(i * Math.PI / 360)))).ToList();
        var segment = circle.Where(p => p.Y >= -0.5).ToList();
        Assert.Equal(30.5, SynthRecommendationTruth.InscribedDiameter(segment), 1.0);
    }
}
