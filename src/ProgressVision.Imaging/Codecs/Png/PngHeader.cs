namespace ProgressVision.Imaging.Codecs.Png;

/// <summary>The image header (IHDR) of a PNG file, as read from the file.</summary>
/// <param name="Width">Pixels per row (1 … 2^31−1).</param>
/// <param name="Height">Rows (1 … 2^31−1).</param>
/// <param name="BitDepth">Bits per sample (or per palette index): 1, 2, 4, 8 or 16.</param>
/// <param name="ColorType">The colour type.</param>
/// <param name="Interlaced">True for Adam7 interlacing.</param>
public readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    /// <summary>Samples per pixel in the file (an index counts as one).</summary>
    public int SamplesPerPixel => ColorType switch
    {
        PngColorType.Truecolor => 3,
        PngColorType.GrayscaleAlpha => 2,
        PngColorType.TruecolorAlpha => 4,
        _ => 1,
    };

    /// <summary>Bits per pixel in the file.</summary>
    public int BitsPerPixel => SamplesPerPixel * BitDepth;

    /// <summary>
    /// Bytes per complete pixel, rounded up to 1: the distance the Sub, Average and Paeth filters look back
    /// (PNG 2nd ed. §9.2, "bpp").
    /// </summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of one unfiltered scanline of <paramref name="pixels"/> pixels (without the filter-type byte).</summary>
    public long RowBytes(long pixels) => ((pixels * BitsPerPixel) + 7) / 8;
}
