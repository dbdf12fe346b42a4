namespace ProgressVision.Analysis.Healing;

/// <summary>
/// The fixed input contract of the healing model: shared by the tile exporter that feeds training
/// and by inference, so the two can never drift apart. Changing any value means retraining.
/// </summary>
public static class HealingTileLayout
{
    /// <summary>Tile side, in pixels of the downscaled image.</summary>
    public const int TileSize = 64;

    /// <summary>Photos are box-downscaled by this factor first (a 64-px tile covers 128 photo pixels).</summary>
    public const int Downscale = 2;

    /// <summary>
    /// Channels: BEFORE L*, a*, b* then AFTER (warped onto BEFORE) L*, a*, b*, each relative to that
    /// photo's own skin reference so exposure and white balance cancel.
    /// </summary>
    public const int Channels = 6;

    /// <summary>L* is divided by this after subtracting the skin reference (dots sit ~20–60 L* below skin).</summary>
    public const float LScale = 20f;

    /// <summary>a* and b* are divided by this after subtracting the skin reference (redness adds ~4–15 a*).</summary>
    public const float ChromaScale = 8f;

    /// <summary>A tile is analysed when at least this fraction of it lies inside both photos.</summary>
    public const float MinValidFraction = 0.6f;

    /// <summary>
    /// Plane pixels of context the recipe's model sees on every side of a tile (the training tile set's default). Its
    /// convolutions are unpadded, so a tile's class is a function of these pixels alone, wherever the tile is cut from:
    /// classifying tiles one by one and running the same convolutions once over a whole plane give the same numbers.
    /// 12 is what four unpadded 3×3 convolutions (three of stride 2) need for their 8×8 output to cover the tile: each
    /// output feature reads 31 pixels. A model with no context (0) pads each tile with zeros instead.
    /// </summary>
    public const int Context = 12;

    /// <summary>Side of a model input: the tile and <paramref name="context"/> pixels around it.</summary>
    public static int InputSize(int context) => TileSize + (2 * context);

    /// <summary>Number of floats in one model input with <paramref name="context"/> pixels around the tile.</summary>
    public static int InputFloats(int context) => Channels * InputSize(context) * InputSize(context);
}
