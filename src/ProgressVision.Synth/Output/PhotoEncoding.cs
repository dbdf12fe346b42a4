using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Codecs.Jpeg.Encoder;
using ProgressVision.Imaging.Codecs.Png;

namespace ProgressVision.Synth.Output;

/// <summary>Saves a rendered photo in the chosen format.</summary>
public static class PhotoEncoding
{
    /// <summary>File extension (with dot) for a format.</summary>
    public static string Extension(PhotoFileFormat format) => format == PhotoFileFormat.Jpeg ? ".jpg" : ".png";

    /// <summary>Writes <paramref name="rgb"/> to <paramref name="path"/>.</summary>
    public static void Write(PixelBuffer<byte> rgb, string path, PhotoFileFormat format, int jpegQuality)
    {
        switch (format)
        {
            case PhotoFileFormat.Png:
                PngEncoder.EncodeFile(rgb, path);
                break;
            case PhotoFileFormat.Jpeg:
                // 4:2:0 like phone cameras; quality 0 (unspecified) means a typical phone setting.
                JpegEncoder.EncodeFile(rgb, path, new JpegEncoderOptions { Quality = jpegQuality > 0 ? jpegQuality : 90, OptimizeHuffman = true });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown photo format.");
        }
    }
}
