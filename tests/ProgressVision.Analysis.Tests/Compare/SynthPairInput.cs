using ProgressVision.Analysis.Compare;
using ProgressVision.Analysis.Registration;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Imaging.Geometry;
using ProgressVision.Synth.Cases;

namespace ProgressVision.Analysis.Tests.Compare;

/// <summary>A rendered Synth pair as the compare pipeline's input: its photos and, to judge what follows alignment, its true mapping.</summary>
internal static class SynthPairInput
{
    /// <summary>The renderer's true AFTER→BEFORE mapping as an alignment (<see cref="PairAnalysisOptions.KnownAlignment"/>).</summary>
    public static Alignment TrueAlignment(SynthPair pair)
    {
        var p = pair.Truth.Pair;
        var (before, after) = (pair.Before.Rgb, pair.After.Rgb);
        return new Alignment(Homography.FromArray(p.AfterToBefore), null, 0, 0, 0, p.Overlap, 1, before.Width, before.Height, after.Width, after.Height);
    }

    /// <summary>A rendered photo as a loaded one. The analysis owns (and disposes) its buffers; the rendered pair keeps its own.</summary>
    public static LoadedPhoto Loaded(PixelBuffer<byte> rgb, string name) =>
        new(new PhotoInfo(name, "", rgb.Width, rgb.Height, null, null), rgb.Clone(), ImageMetadata.None(rgb.Width, rgb.Height));
}
