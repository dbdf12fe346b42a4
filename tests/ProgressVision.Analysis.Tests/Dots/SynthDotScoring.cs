using ProgressVision.Analysis.Dots;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Analysis.Tests.Dots;

/// <summary>Scores detections on a Synth photo against its truth dots inside the true treated visible scalp.</summary>
public static class SynthDotScoring
{
    /// <summary>
    /// Truth = counted dots (visible, centre in the true V). Detections = those whose rounded centre
    /// is in the true V. A match is one-to-one within max(1.5 px, half the truth diameter).
    /// </summary>
    public static (double P, double R, double F1, int Truth, int Found) Score(RenderedPhoto photo, IReadOnlyList<PigmentDot> found)
    {
        var masks = photo.Masks;
        bool InV(double x, double y)
        {
            int ix = (int)Math.Round(x, MidpointRounding.AwayFromZero), iy = (int)Math.Round(y, MidpointRounding.AwayFromZero);
            return (uint)ix < (uint)photo.Truth.Width && (uint)iy < (uint)photo.Truth.Height && masks.IsTreatedVisible(ix, iy);
        }

        var truth = photo.Truth.Dots.Where(d => d.Counted).ToList();
        var det = found.Where(d => InV(d.X, d.Y)).ToList();
        var t = truth.Select(d => (d.X, d.Y, d.DiameterPx / 2)).ToList();
        var (p, r, f1, _) = DetectionScore.Score(t, det, i => Math.Max(1.5, t[i].Item3));
        return (p, r, f1, truth.Count, det.Count);
    }
}
