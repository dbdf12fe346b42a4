using System.Runtime.InteropServices;
using ProgressVision.Analysis.Segmentation;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// The per-photo planes dot detection and segmentation share: skin level, darkness (1 − L/L_skin),
/// its noise level and the orientation-coherence field. Luminance L is made row by row on the way
/// and not kept (at 12 MP a float plane is 48 MB).
/// </summary>
/// <remarks>
/// The darkness plane and the coherence field are pooled: <see cref="Dispose"/> returns them, after
/// which neither may be read. Undisposed planes are simply collected.
/// </remarks>
public sealed class DarknessPlanes : IDisposable
{
    private DarknessPlanes(int w, int h, float[] dark, double noise, OrientationCoherence coh, IlluminationModel skin)
    {
        Width = w;
        Height = h;
        Darkness = dark;
        Noise = noise;
        Coherence = coh;
        Skin = skin;
    }

    private bool _disposed;

    /// <summary>Photo width.</summary>
    public int Width { get; }

    /// <summary>Photo height.</summary>
    public int Height { get; }

    /// <summary>Darkness 1 − L/L_skin clamped to [−0.25, 1], packed rows (the array may be longer than Width × Height).</summary>
    public float[] Darkness { get; }

    /// <summary>Robust standard deviation of pixel noise on the darkness plane.</summary>
    public double Noise { get; }

    /// <summary>Structure-tensor coherence of the darkness plane.</summary>
    public OrientationCoherence Coherence { get; }

    internal IlluminationModel Skin { get; }

    /// <summary>Skin luminance estimated at photo pixel (x, y).</summary>
    public double SkinLuminanceAt(double x, double y) => Skin.SkinAt(x, y);

    /// <summary>Computes the planes of an 8-bit gray or RGB photo.</summary>
    /// <exception cref="ArgumentException">Not 1 or 3 channels.</exception>
    public static DarknessPlanes Compute(PixelBuffer<byte> image, DotDetectionOptions? options = null)
    {
        options ??= new DotDetectionOptions();
        int w = image.Width, h = image.Height;
        var skin = IlluminationModel.Estimate(image, Math.Min(options.BackgroundBlock, Math.Max(8, Math.Min(w, h) / 4)), options.BackgroundPercentile);
        var dark = PlanePool<float>.Rent(w * h);
        skin.Darkness(image, dark);
        double noise = EstimateNoise(dark, w, h);
        var coh = OrientationCoherence.Compute(dark, w, h, 2.5 * options.MaxRadius);
        return new DarknessPlanes(w, h, dark, noise, coh, skin);
    }

    /// <summary>Returns the pooled planes.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Coherence.Dispose();
        PlanePool<float>.Return(Darkness);
    }

    // Noise from the second difference d(x) − (d(x−1)+d(x+1))/2, whose gain on white noise is
    // √1.5; its median absolute value × 1.4826 is robust to dots and edges (Donoho's MAD).
    private static double EstimateNoise(float[] d, int w, int h)
    {
        if (w < 3)
        {
            return 0;
        }

        var samples = new List<float>();
        int step = Math.Max(1, h / 200);
        for (int y = 0; y < h; y += step)
        {
            int row = y * w;
            for (int x = 1; x < w - 1; x += 3)
            {
                samples.Add(Math.Abs(d[row + x] - (0.5f * (d[row + x - 1] + d[row + x + 1]))));
            }
        }

        if (samples.Count == 0)
        {
            return 0;
        }

        return 1.4826 * OrderStatistic.Select(CollectionsMarshal.AsSpan(samples), samples.Count / 2) / Math.Sqrt(1.5);
    }
}
