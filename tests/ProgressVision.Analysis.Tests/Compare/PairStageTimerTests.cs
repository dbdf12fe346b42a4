using ProgressVision.Analysis.Compare;
using ProgressVision.Imaging.Codecs.Png;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Analysis.Tests.Compare;

public class PairStageTimerTests
{
    [Fact]
    public void A_compare_run_records_every_stage_once_per_pair_or_once_per_photo_inside_the_run()
    {
        using var pair = SynthCase.Generate(4243, SynthPreset.Easy, 640, 480).Render();
        string dir = Directory.CreateTempSubdirectory("pv-timer-").FullName;
        try
        {
            string before = Path.Combine(dir, "before.png"), after = Path.Combine(dir, "after.png");
            PngEncoder.EncodeFile(pair.Before.Rgb, before);
            PngEncoder.EncodeFile(pair.After.Rgb, after);
            var timer = new PairStageTimer();
            var analyzer = new PairAnalyzer(new PairAnalysisOptions { MmPerPx = pair.Before.Truth.MmPerPx }) { Timer = timer };
            var started = DateTime.UtcNow;
            using (analyzer.AnalyzeDetailed(before, after))
            {
            }

            var wall = DateTime.UtcNow - started;
            var entries = timer.Entries;
            foreach (var stage in new[] { "decode", "validate", "planes", "dots", "segment", "metrics" })
            {
                Assert.Equal(["after", "before"], entries.Where(e => e.Stage == stage).Select(e => e.Photo).Order());
            }

            foreach (var stage in new[] { "register", "change", "warp" })
            {
                Assert.Single(entries, e => e.Stage == stage && e.Photo is null);
            }

            // No healing model: no healing stage.
            Assert.DoesNotContain(entries, e => e.Stage == "healing");
            Assert.All(entries, e => Assert.InRange(e.Duration, TimeSpan.Zero, wall));

            // Registration needs both photos decoded; the warp needs the registration.
            var register = entries.Single(e => e.Stage == "register");
            Assert.All(entries.Where(e => e.Stage == "decode"), d => Assert.True(d.Start + d.Duration <= register.Start));
            Assert.True(register.Start + register.Duration <= entries.Single(e => e.Stage == "warp").Start);

            timer.Clear();
            Assert.Empty(timer.Entries);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
