using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Healing;
using static ProgressVision.Analysis.Healing.HealingFlagAssembler;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// <see cref="HealingAnalyzer.NarrowFade"/> on a drawn grid: a ring of fade tiles whose box holds a separate lone fade
/// tile (the layout of held-out pair hard-99171, where one tile came back as two identical flags). The counts are hand
/// made: the lone tile holds 10 earlier dots of which 6 faded, the ring 96 dots (three per tile) of which none did.
/// </summary>
public class FadeNarrowingTests
{
    private const int Fade = 2;

    [Fact]
    public void A_proposal_is_narrowed_within_its_own_tiles_and_never_reports_a_neighbour_twice()
    {
        using var model = HealingModel.Load(HealingModelTests.CommittedModel());
        var analyzer = new HealingAnalyzer(model);
        int stride = analyzer.Stride;
        Assert.Equal(32, stride);
        // Ring: tile origins (downscaled px) on the border of [0, 256]²; the lone tile at (128, 128) is 128 px from
        // every ring tile, four strides, so it is a group of its own inside the ring's box.
        var tiles = new List<TileProbabilities>();
        var dots = new List<DotChangeSample>();
        for (int y = 0; y <= 256; y += stride)
        {
            for (int x = 0; x <= 256; x += stride)
            {
                if (x == 0 || y == 0 || x == 256 || y == 256)
                {
                    tiles.Add(new(x, y, [0.1f, 0, 0.9f, 0]));
                    for (int k = -1; k <= 1; k++)
                    {
                        dots.Add(new(((x + 32) * 2) + (4 * k), (y + 32) * 2, Faded: false, ContrastRatio: 1, RadiusRatio: 1));
                    }
                }
            }
        }

        Assert.Equal(32, tiles.Count);
        tiles.Add(new(128, 128, [0.1f, 0, 0.9f, 0]));
        for (int i = 0; i < 10; i++)
        {
            // BEFORE pixels of the lone tile: [256, 384)², dots on a diagonal; the first six faded.
            dots.Add(new(260 + (12 * i), 260 + (12 * i), Faded: i < 6, ContrastRatio: i < 6 ? 0.3 : 1, RadiusRatio: 1));
        }

        EvidenceProvider evidence = (_, box, members) =>
        {
            bool Inside(DotChangeSample d) => d.X >= box[0] && d.Y >= box[1] && d.X < box[0] + box[2] && d.Y < box[1] + box[3];
            var inBox = dots.Where(Inside).ToList();
            var elsewhere = dots.Where(d => !Inside(d)).ToList();
            return (new Dictionary<string, double>
            {
                ["dotsBefore"] = inBox.Count,
                ["fadedFraction"] = inBox.Count == 0 ? 0 : inBox.Count(d => d.Faded) / (double)inBox.Count,
                ["fadedShareElsewhere"] = elsewhere.Count == 0 ? 0 : elsewhere.Count(d => d.Faded) / (double)elsewhere.Count,
            }, null);
        };
        var proposed = Assemble(tiles, stride, analyzer.Threshold, evidence);
        Assert.Equal(2, proposed.Count);
        double[] lone = [256, 256, 128, 128];
        Assert.Single(proposed, f => f.Box.SequenceEqual(lone));
        // The ring's box holds all 106 dots, 6 faded (5.7%): under the 20% a patch fades, so it is narrowed; the lone
        // tile (6 of 10) is confirmed as it stands.
        bool Confirmed(HealingFlag f) => analyzer.Confirms(f, tiles.Count, dotsMeasured: true);
        Assert.False(Confirmed(proposed.Single(f => f.Evidence["tiles"] > 1)));
        Assert.True(Confirmed(proposed.Single(f => f.Box.SequenceEqual(lone))));

        var narrowed = analyzer.NarrowFade(proposed, tiles, dots, evidence, Confirmed);
        // No ring tile holds a faded dot, so none is a faded tile: the ring stays one (unconfirmed) proposal and the
        // lone tile is reported once, not once more as the ring's narrowed part.
        Assert.Single(narrowed, f => f.Box.SequenceEqual(lone));
        Assert.Single(narrowed, Confirmed);
        Assert.Equal(2, narrowed.Count);
    }
}
