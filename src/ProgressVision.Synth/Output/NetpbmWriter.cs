using System.Text;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Synth.Output;

/// <summary>Binary PPM (P6) and PGM (P5) writers: lossless, dependency-free formats for debugging renders and masks.</summary>
public static class NetpbmWriter
{
    /// <summary>Writes an 8-bit RGB (3 channels) or gray (1 channel) buffer.</summary>
    public static void Write(PixelBuffer<byte> image, Stream output)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        string magic = image.Channels switch
        {
            1 => "P5",
            3 => "P6",
            _ => throw new ArgumentException($"PPM/PGM need 1 or 3 channels, got {image.Channels}.", nameof(image)),
        };
        output.Write(Encoding.ASCII.GetBytes($"{magic}\n{image.Width} {image.Height}\n255\n"));
        output.Write(image.Span);
    }

    /// <summary>Writes to a file.</summary>
    public static void Write(PixelBuffer<byte> image, string path)
    {
        using var f = File.Create(path);
        Write(image, f);
    }
}
