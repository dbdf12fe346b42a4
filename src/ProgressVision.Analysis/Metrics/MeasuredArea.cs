using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Segmentation;

namespace ProgressVision.Analysis.Metrics;

/// <summary>
/// The treated visible scalp V of one photo as a full-resolution bit plane: treated area, labelled
/// scalp (hair and background excluded). All metrics are taken over V (gaps included — they are
/// treated area left empty).
/// </summary>
public sealed class MeasuredArea
{
    private readonly bool[] _in;

    /// <summary>Wraps a row-major membership plane (true = in V).</summary>
    /// <exception cref="ArgumentException">Plane length is not width × height.</exception>
    public MeasuredArea(bool[] inside, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(inside);
        if (width < 1 || height < 1 || inside.Length != width * height)
        {
            throw new ArgumentException($"Membership plane of {inside.Length} does not match {width}x{height}.", nameof(inside));
        }

        _in = inside;
        Width = width;
        Height = height;
        for (int i = 0; i < inside.Length; i++)
        {
            if (inside[i])
            {
                AreaPx++;
            }
        }
    }

    /// <summary>Photo width.</summary>
    public int Width { get; }

    /// <summary>Photo height.</summary>
    public int Height { get; }

    /// <summary>|V|, px².</summary>
    public long AreaPx { get; }

    /// <summary>V of a segmented photo: treated and labelled scalp.</summary>
    public static MeasuredArea FromMask(ScalpMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int w = mask.ImageWidth, h = mask.ImageHeight;
        var inside = new bool[w * h];
        Parallel.For(0, h, y =>
        {
            for (int x = 0; x < w; x++)
            {
                inside[(y * w) + x] = mask.IsTreated(x, y) && mask.LabelAt(x, y) == ScalpLabel.Scalp;
            }
        });
        return new MeasuredArea(inside, w, h);
    }

    /// <summary>Whether pixel (x, y) is in V; outside the photo is not.</summary>
    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height && _in[(y * Width) + x];

    /// <summary>
    /// Whether a dot counts: its centre rounded half away from zero (the pixel whose centre is
    /// nearest, ties outward) lies in V.
    /// </summary>
    public bool Counts(PigmentDot dot) =>
        Contains((int)Math.Round(dot.X, MidpointRounding.AwayFromZero), (int)Math.Round(dot.Y, MidpointRounding.AwayFromZero));

    /// <summary>The dots that count, in input order.</summary>
    public List<PigmentDot> Counted(IEnumerable<PigmentDot> dots) => dots.Where(Counts).ToList();

    /// <summary>
    /// Crack length of V: unit pixel edges between a V pixel and a non-V pixel or the photo border,
    /// px (the perimeter of Donnelly's edge correction).
    /// </summary>
    public long PerimeterPx()
    {
        long p = 0;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (!_in[(y * Width) + x])
                {
                    continue;
                }

                p += (Contains(x - 1, y) ? 0 : 1) + (Contains(x + 1, y) ? 0 : 1) + (Contains(x, y - 1) ? 0 : 1) + (Contains(x, y + 1) ? 0 : 1);
            }
        }

        return p;
    }
}
