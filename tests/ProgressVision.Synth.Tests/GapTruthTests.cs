using ProgressVision.Synth.Scene;

namespace ProgressVision.Synth.Tests;

/// <summary>The truth's empty patches are empty: no dot of the session lies in any of them.</summary>
public class GapTruthTests
{
    [Fact]
    public void Every_truth_gap_of_every_session_is_free_of_dots()
    {
        int sessionsWithGaps = 0;
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var scene = ScalpSceneGenerator.Generate(seed, new SceneRecipe { Sessions = 4, DensityPerCm2 = [40, 60, 80, 90], Gaps = 3, Clumps = 0 });
            for (int s = 1; s <= 4; s++)
            {
                var state = scene.Session(s);
                sessionsWithGaps += s > 2 && state.Gaps.Count > 0 ? 1 : 0;
                foreach (var gap in state.Gaps)
                {
                    var inside = state.Dots.FirstOrDefault(d => d.IsPresent && gap.Contains(d.Dot.X, d.Dot.Y));
                    Assert.True(inside is null, $"seed {seed} session {s}: dot {inside?.Dot.Id} (placed earlier) lies in a truth gap at ({gap.CentreX:0.0}, {gap.CentreY:0.0}) mm");
                }
            }
        }

        // Later sessions must still list some gaps, or the check above would be empty.
        Assert.True(sessionsWithGaps >= 5, $"only {sessionsWithGaps} later sessions with gaps");
    }
}
