using System.Text.Json;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Png;
using ProgressVision.Synth.Cases;
using ProgressVision.Synth.Rendering;
using ProgressVision.Synth.Truth;

namespace ProgressVision.Synth.Output;

/// <summary>
/// Writes rendered photos, their masks and truth JSON. Mask files are 8-bit grey PNGs holding codes:
/// <c>.regions.png</c> <see cref="RegionLabel"/> (0 background, 1 scalp, 2 hair); <c>.treated.png</c>
/// 0/1; <c>.healing.png</c> <see cref="Scene.HealingKind"/> (0 healthy, 1 redness, 2 patchy fade,
/// 3 blowout); <c>.pigment.png</c> pigment fraction × 255.
/// </summary>
public static class CaseWriter
{
    /// <summary>Writes one photo as <paramref name="stem"/>.png|.jpg plus masks and <paramref name="stem"/>.truth.json; returns the truth with mask names filled.</summary>
    public static PhotoTruth WritePhoto(RenderedPhoto photo, string directory, string stem, PhotoFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(photo);
        Directory.CreateDirectory(directory);
        string photoFile = stem + PhotoEncoding.Extension(format);
        PhotoEncoding.Write(photo.Rgb, Path.Combine(directory, photoFile), format, photo.Conditions.JpegQuality);
        var masks = new Dictionary<string, string>
        {
            ["photo"] = photoFile,
            ["regions"] = stem + ".regions.png",
            ["treated"] = stem + ".treated.png",
            ["healing"] = stem + ".healing.png",
            ["pigment"] = stem + ".pigment.png",
        };
        PngEncoder.EncodeFile(photo.Masks.Regions, Path.Combine(directory, masks["regions"]));
        PngEncoder.EncodeFile(photo.Masks.Treated, Path.Combine(directory, masks["treated"]));
        PngEncoder.EncodeFile(photo.Masks.Healing, Path.Combine(directory, masks["healing"]));
        using (var pig = ToBytes(photo.Masks.Pigment))
        {
            PngEncoder.EncodeFile(pig, Path.Combine(directory, masks["pigment"]));
        }

        var truth = photo.Truth with { MaskFiles = masks };
        File.WriteAllText(Path.Combine(directory, stem + ".truth.json"), JsonSerializer.Serialize(truth, SynthJsonContext.Default.PhotoTruth));
        return truth;
    }

    /// <summary>Writes a whole case into <paramref name="directory"/>: before.*, after.*, and case.truth.json.</summary>
    public static void WriteCase(SynthPair pair, string directory, PhotoFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var before = WritePhoto(pair.Before, directory, "before", format);
        var after = WritePhoto(pair.After, directory, "after", format);
        var truth = pair.Truth with { Before = before, After = after };
        File.WriteAllText(Path.Combine(directory, "case.truth.json"), JsonSerializer.Serialize(truth, SynthJsonContext.Default.CaseTruth));
    }

    private static PixelBuffer<byte> ToBytes(PixelBuffer<float> fraction)
    {
        var b = new PixelBuffer<byte>(fraction.Width, fraction.Height);
        var s = fraction.Span;
        var d = b.Span;
        for (int i = 0; i < s.Length; i++)
        {
            d[i] = (byte)Math.Clamp(Math.Round(s[i] * 255), 0, 255);
        }

        return b;
    }
}
