using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Segmentation;

/// <summary>
/// Labels of one photo (background / scalp / hair) and the treated area within the scalp, held on a
/// grid <see cref="Scale"/> times coarser than the photo (cell (i, j) covers photo pixels
/// [i·Scale, (i+1)·Scale) × [j·Scale, (j+1)·Scale)).
/// </summary>
public sealed class ScalpMask : IDisposable
{
    /// <summary>Wraps label and treated grids (both owned by the mask from now on).</summary>
    /// <exception cref="ArgumentException">Grids of different shape, more than one channel, or a scale below 1.</exception>
    public ScalpMask(PixelBuffer<byte> labels, PixelBuffer<byte> treated, int scale, int imageWidth, int imageHeight)
    {
        if (!labels.SameShape(treated) || labels.Channels != 1 || scale < 1)
        {
            throw new ArgumentException($"Label grid {labels} and treated grid {treated} must be one-channel, same shape, scale ≥ 1 (got {scale}).");
        }

        Labels = labels;
        Treated = treated;
        Scale = scale;
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
    }

    /// <summary>Per-cell <see cref="ScalpLabel"/> values.</summary>
    public PixelBuffer<byte> Labels { get; }

    /// <summary>Per-cell treated-area flag (1 = treated scalp, 0 = not).</summary>
    public PixelBuffer<byte> Treated { get; }

    /// <summary>Photo pixels per grid cell along each axis.</summary>
    public int Scale { get; }

    /// <summary>Width of the photo the mask describes.</summary>
    public int ImageWidth { get; }

    /// <summary>Height of the photo the mask describes.</summary>
    public int ImageHeight { get; }

    /// <summary>Label at photo pixel (x, y); outside the photo is background.</summary>
    public ScalpLabel LabelAt(double x, double y)
    {
        int gx = (int)Math.Floor((x + 0.5) / Scale), gy = (int)Math.Floor((y + 0.5) / Scale);
        return (uint)gx < (uint)Labels.Width && (uint)gy < (uint)Labels.Height ? (ScalpLabel)Labels[gx, gy] : ScalpLabel.Background;
    }

    /// <summary>Whether photo pixel (x, y) lies in the treated area.</summary>
    public bool IsTreated(double x, double y)
    {
        int gx = (int)Math.Floor((x + 0.5) / Scale), gy = (int)Math.Floor((y + 0.5) / Scale);
        return (uint)gx < (uint)Treated.Width && (uint)gy < (uint)Treated.Height && Treated[gx, gy] != 0;
    }

    /// <summary>Treated area in photo px² (cells clipped to the photo).</summary>
    public double TreatedAreaPx => CountArea(Treated, v => v != 0);

    /// <summary>Area labelled <paramref name="label"/>, photo px².</summary>
    public double AreaPx(ScalpLabel label) => CountArea(Labels, v => v == (byte)label);

    private double CountArea(PixelBuffer<byte> grid, Func<byte, bool> pick)
    {
        double area = 0;
        for (int y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            double ch = Math.Min(Scale, ImageHeight - (y * Scale));
            for (int x = 0; x < grid.Width; x++)
            {
                if (pick(row[x]))
                {
                    area += ch * Math.Min(Scale, ImageWidth - (x * Scale));
                }
            }
        }

        return area;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Labels.Dispose();
        Treated.Dispose();
    }
}
