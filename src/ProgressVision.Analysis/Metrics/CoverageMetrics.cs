using System.Numerics;
using ProgressVision.Analysis.Dots;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Metrics;

/// <summary>Coverage (pigment fraction of V) and density (dots per area of V).</summary>
public static class CoverageMetrics
{
    /// <summary>Sub-samples per pixel side for the pigment fraction (as Synth's truth: offsets (i + ½)/S − ½).</summary>
    public const int Supersampling = 4;

    // Largest offset of a sub-sample from its pixel centre along one axis.
    private const double Reach = 0.5 - (0.5 / Supersampling);

    /// <summary>
    /// Apparent coverage: Σ over V of each pixel's pigment fraction (share of its S×S sub-samples
    /// inside the union of the dots' discs) ÷ |V|. Every dot takes part, including those whose
    /// centre lies outside V, because their ink still covers V. 0 when V is empty.
    /// </summary>
    public static double Coverage(IReadOnlyList<PigmentDot> dots, MeasuredArea area)
    {
        ArgumentNullException.ThrowIfNull(dots);
        ArgumentNullException.ThrowIfNull(area);
        if (area.AreaPx == 0)
        {
            return 0;
        }

        const int S = Supersampling;
        int w = area.Width, h = area.Height;

        // One bit per sub-sample (S² = 16 → ushort): the union of overlapping discs is an OR.
        var bits = PlanePool<ushort>.Rent(w * h);
        Array.Clear(bits, 0, w * h);
        foreach (var d in dots)
        {
            double r2 = d.Radius * d.Radius;
            int x0 = Math.Max(0, (int)Math.Floor(d.X - d.Radius - 1)), x1 = Math.Min(w - 1, (int)Math.Ceiling(d.X + d.Radius + 1));
            int y0 = Math.Max(0, (int)Math.Floor(d.Y - d.Radius - 1)), y1 = Math.Min(h - 1, (int)Math.Ceiling(d.Y + d.Radius + 1));
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    if (!area.Contains(x, y))
                    {
                        continue;
                    }

                    // Sub-samples lie within ±(½ − 1/(2S)) px of the pixel centre. A pixel whose farthest
                    // sample is inside the disc (or nearest outside) by more than rounding is all in (out)
                    // without testing each one; the margin is far above the few-ulp error of the per-sample
                    // test, so the bits are the same.
                    double ex = Math.Abs(x - d.X), ey = Math.Abs(y - d.Y);
                    double far = ((ex + Reach) * (ex + Reach)) + ((ey + Reach) * (ey + Reach));
                    if (far <= r2 * (1 - 1e-9))
                    {
                        bits[(y * w) + x] = ushort.MaxValue;
                        continue;
                    }

                    double nx = Math.Max(0, ex - Reach), ny = Math.Max(0, ey - Reach);
                    if ((nx * nx) + (ny * ny) > r2 * (1 + 1e-9))
                    {
                        continue;
                    }

                    ushort b = 0;
                    for (int sy = 0, k = 0; sy < S; sy++)
                    {
                        double dy = y + (((sy + 0.5) / S) - 0.5) - d.Y;
                        for (int sx = 0; sx < S; sx++, k++)
                        {
                            double dx = x + (((sx + 0.5) / S) - 0.5) - d.X;
                            if ((dx * dx) + (dy * dy) <= r2)
                            {
                                b |= (ushort)(1 << k);
                            }
                        }
                    }

                    bits[(y * w) + x] |= b;
                }
            }
        }

        long covered = 0;
        foreach (ushort b in bits.AsSpan(0, w * h))
        {
            covered += BitOperations.PopCount(b);
        }

        PlanePool<ushort>.Return(bits);

        return covered / (double)(S * S) / area.AreaPx;
    }

    /// <summary>Counted dots per 1000 px² of V (0 when V is empty).</summary>
    public static double DensityPer1000Px2(int counted, MeasuredArea area) =>
        area.AreaPx == 0 ? 0 : counted * 1000.0 / area.AreaPx;

    /// <summary>Counted dots per cm² of V at <paramref name="mmPerPx"/> millimetres per pixel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive scale.</exception>
    public static double DensityPerCm2(int counted, MeasuredArea area, double mmPerPx)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mmPerPx);
        return DensityPerCm2(counted, area.AreaPx * mmPerPx * mmPerPx);
    }

    /// <summary>Counted dots per cm² of a treated area of <paramref name="areaMm2"/> mm² (0 for an empty area).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative area.</exception>
    public static double DensityPerCm2(int counted, double areaMm2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(areaMm2);
        return areaMm2 == 0 ? 0 : counted / (areaMm2 / 100.0);
    }
}
