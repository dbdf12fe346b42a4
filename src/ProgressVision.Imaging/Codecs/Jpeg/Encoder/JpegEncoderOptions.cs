namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>Choices for <see cref="JpegEncoder"/>.</summary>
public sealed record JpegEncoderOptions
{
    /// <summary>The defaults: quality 90, 4:2:0, standard Huffman tables, no restart markers, no EXIF.</summary>
    public static JpegEncoderOptions Default { get; } = new();

    /// <summary>
    /// 1 (smallest) … 100 (best). Scales the ITU-T T.81 Annex K quantisation tables exactly as libjpeg's
    /// <c>jpeg_quality_scaling</c> does, so a quality here means the same tables as <c>cjpeg -quality</c>.
    /// </summary>
    public int Quality { get; init; } = 90;

    /// <summary>Chroma subsampling of colour output (ignored for greyscale).</summary>
    public JpegSubsampling Subsampling { get; init; } = JpegSubsampling.Yuv420;

    /// <summary>Write a one-component (luma only) JPEG even from colour input. Grey input always gives this.</summary>
    public bool Grayscale { get; init; }

    /// <summary>
    /// Build Huffman tables from this image's symbol statistics (two passes, code lengths limited to 16 bits per
    /// T.81 Annex K.2) instead of the Annex K.3 tables. Smaller files, a little slower.
    /// </summary>
    public bool OptimizeHuffman { get; init; }

    /// <summary>MCUs between restart markers (T.81 §B.2.4.4); 0 writes none. At most 65 535.</summary>
    public int RestartInterval { get; init; }

    /// <summary>
    /// When set (1…8, TIFF/EXIF Orientation), writes a minimal EXIF APP1 holding only that tag. Nothing else
    /// from EXIF — no GPS, time or camera data — is ever written.
    /// </summary>
    public int? Orientation { get; init; }
}
