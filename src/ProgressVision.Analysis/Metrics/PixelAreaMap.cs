using ProgressVision.Analysis.Compare;

namespace ProgressVision.Analysis.Metrics;

/// <summary>
/// World area of each pixel of a photo, mm², when it is not one constant: an AFTER photo taken at
/// another distance or angle is measured through the alignment onto the calibrated BEFORE photo, so its
/// pixel footprint is BEFORE's mm² times the local areal scale of the AFTER→BEFORE mapping, which
/// varies across the photo under perspective (a tilted phone images the near side larger).
/// </summary>
public sealed class PixelAreaMap
{
    /// <summary>Grid step, px: the mapping's Jacobian changes slowly, so one value per cell is exact to well below 0.1 %.</summary>
    public const int DefaultStep = 16;

    private readonly double[] _cells;
    private readonly int _cols;
    private readonly int _step;

    private PixelAreaMap(double[] cells, int cols, int step, int width, int height)
    {
        _cells = cells;
        _cols = cols;
        _step = step;
        Width = width;
        Height = height;
    }

    /// <summary>Photo width.</summary>
    public int Width { get; }

    /// <summary>Photo height.</summary>
    public int Height { get; }

    /// <summary>
    /// The footprint of a photo whose pixels map into a calibrated photo of <paramref name="calibratedMmPerPx"/>
    /// by <paramref name="toCalibrated"/>: at each cell centre, |det J| of the mapping (central differences over
    /// half a cell) × <paramref name="calibratedMmPerPx"/>².
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive size, step or scale.</exception>
    public static PixelAreaMap FromMapping(Func<double, double, (double X, double Y)> toCalibrated, double calibratedMmPerPx, int width, int height, int step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(toCalibrated);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calibratedMmPerPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        int cols = (width + step - 1) / step, rows = (height + step - 1) / step;
        var cells = new double[cols * rows];
        double h = step / 2.0, mm2 = calibratedMmPerPx * calibratedMmPerPx;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                // Cell centre, clamped into the photo for the last partial cell.
                double x = Math.Min((c * step) + ((step - 1) / 2.0), width - 1), y = Math.Min((r * step) + ((step - 1) / 2.0), height - 1);
                // |det J| over the cell's width is the areal scale (calibrated px² per px²).
                cells[(r * cols) + c] = MappingScale.Areal(toCalibrated, x, y, h) * mm2;
            }
        }

        return new PixelAreaMap(cells, cols, step, width, height);
    }

    /// <summary>World area of pixel (x, y), mm² (the value of its grid cell; clamped to the photo).</summary>
    public double PixelAreaMm2(int x, int y)
    {
        int cx = Math.Clamp(x, 0, Width - 1) / _step, cy = Math.Clamp(y, 0, Height - 1) / _step;
        return _cells[(cy * _cols) + cx];
    }

    /// <summary>Linear scale at pixel (x, y): √(pixel area), mm per px.</summary>
    public double MmPerPxAt(int x, int y) => Math.Sqrt(PixelAreaMm2(x, y));

    /// <summary>Σ over V of each pixel's world area, mm².</summary>
    /// <exception cref="ArgumentException">V belongs to a photo of another size.</exception>
    public double AreaMm2(MeasuredArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (area.Width != Width || area.Height != Height)
        {
            throw new ArgumentException($"Measured area is {area.Width}x{area.Height}, the pixel area map {Width}x{Height}.", nameof(area));
        }

        double sum = 0;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (area.Contains(x, y))
                {
                    sum += _cells[((y / _step) * _cols) + (x / _step)];
                }
            }
        }

        return sum;
    }
}
