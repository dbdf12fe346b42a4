namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>Chroma subsampling of a colour JPEG: luma sampling factors H×V, chroma 1×1 (ITU-T T.81 §A.1.1).</summary>
public enum JpegSubsampling
{
    /// <summary>4:2:0 — chroma halved in both directions (luma 2×2). The usual photo setting; cjpeg's default.</summary>
    Yuv420 = 0,

    /// <summary>4:2:2 — chroma halved horizontally (luma 2×1).</summary>
    Yuv422,

    /// <summary>4:4:4 — no chroma subsampling (luma 1×1). Keeps fine colour detail such as small pigment dots.</summary>
    Yuv444,
}
