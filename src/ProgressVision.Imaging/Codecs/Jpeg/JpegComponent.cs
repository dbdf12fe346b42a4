namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>One image component (Y, Cb, Cr or gray) of a frame (T.81 B.2.2) and its decode state.</summary>
internal sealed class JpegComponent
{
    /// <summary>Component identifier Ci from the frame header.</summary>
    public int Id { get; init; }

    /// <summary>Position in the frame header.</summary>
    public int Index { get; init; }

    /// <summary>Horizontal sampling factor Hi (1..4).</summary>
    public int H { get; init; }

    /// <summary>Vertical sampling factor Vi (1..4).</summary>
    public int V { get; init; }

    /// <summary>Quantization table selector Tqi.</summary>
    public int QuantTableIndex { get; init; }

    /// <summary>DC Huffman table selector of the current scan.</summary>
    public int DcTable { get; set; }

    /// <summary>AC Huffman table selector of the current scan.</summary>
    public int AcTable { get; set; }

    /// <summary>Blocks per row covering the component's samples (ceil(ceil(X·Hi/Hmax)/8)).</summary>
    public int BlocksPerLine { get; set; }

    /// <summary>Block rows covering the component's samples.</summary>
    public int BlocksPerColumn { get; set; }

    /// <summary>Blocks per row including MCU padding (MCUs per line × Hi).</summary>
    public int PaddedBlocksPerLine { get; set; }

    /// <summary>Block rows including MCU padding.</summary>
    public int PaddedBlocksPerColumn { get; set; }

    /// <summary>Edge of one inverse-transformed block: 8, or 4/2/1 in reduced-size decoding.</summary>
    public int ScaledBlockSize { get; set; } = 8;

    /// <summary>Samples per row after the (possibly scaled) IDCT that belong to the image.</summary>
    public int DownsampledWidth { get; set; }

    /// <summary>Sample rows after the (possibly scaled) IDCT that belong to the image.</summary>
    public int DownsampledHeight { get; set; }

    /// <summary>Inverse-transformed samples (PaddedBlocksPerLine·S wide); rented from the pool.</summary>
    public byte[]? Plane { get; set; }

    /// <summary>Row stride of <see cref="Plane"/>.</summary>
    public int PlaneStride { get; set; }

    /// <summary>Progressive only: quantized coefficients, 64 per block (natural order), padded layout.</summary>
    public short[]? Coefficients { get; set; }

    /// <summary>Dequantization table latched when the component's first scan starts (natural order).</summary>
    public int[]? Quant { get; set; }

    /// <summary>DC prediction (T.81 F.2.1.3.1), reset at scan start and restart.</summary>
    public int DcPredictor { get; set; }
}
