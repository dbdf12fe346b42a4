namespace ProgressVision.Analysis.Healing;

/// <summary>Cuts one model input (a tile and its context) out of the six packed planes.</summary>
public static class TileInput
{
    /// <summary>
    /// Copies the tile at (<paramref name="x0"/>, <paramref name="y0"/>) with <paramref name="context"/> pixels around
    /// it from <paramref name="planes"/> (CHW, [6, height, width], rows packed) into <paramref name="destination"/>
    /// ([6, 64 + 2·context, 64 + 2·context]). Pixels off the planes are 0, as invalid pixels are, and as the dense
    /// form's padding is.
    /// </summary>
    public static void Cut(ReadOnlySpan<float> planes, int height, int width, int x0, int y0, int context, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        int s = HealingTileLayout.InputSize(context), floats = HealingTileLayout.InputFloats(context);
        if (destination.Length < floats)
        {
            throw new ArgumentException($"A tile with {context} px of context needs {floats} floats.", nameof(destination));
        }

        if (planes.Length < HealingTileLayout.Channels * height * width)
        {
            throw new ArgumentException($"Six {width}×{height} planes need {HealingTileLayout.Channels * height * width} floats.", nameof(planes));
        }

        int left = x0 - context, top = y0 - context;
        // The input's columns that lie on the planes; the rest stays 0.
        int cx0 = Math.Max(0, -left), cx1 = Math.Min(s, width - left);
        var dst = destination[..floats];
        if (cx0 > 0 || cx1 < s || top < 0 || top + s > height)
        {
            dst.Clear();
        }

        if (cx1 <= cx0)
        {
            return;
        }

        for (int c = 0; c < HealingTileLayout.Channels; c++)
        {
            for (int y = Math.Max(0, -top); y < s && top + y < height; y++)
            {
                planes.Slice((((c * height) + top + y) * width) + left + cx0, cx1 - cx0).CopyTo(dst.Slice((((c * s) + y) * s) + cx0, cx1 - cx0));
            }
        }
    }
}
