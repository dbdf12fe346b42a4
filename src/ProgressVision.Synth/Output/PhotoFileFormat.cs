namespace ProgressVision.Synth.Output;

/// <summary>How rendered photos are stored.</summary>
public enum PhotoFileFormat
{
    /// <summary>Lossless PNG (the photo's <c>JpegQuality</c> is ignored).</summary>
    Png = 0,

    /// <summary>JPEG at the photo's <c>JpegQuality</c> (compression artefacts are part of the case).</summary>
    Jpeg = 1,
}
