using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

/// <summary>
/// Summed-area tables (Crow 1984) in OpenCV's layout: (width+1) × (height+1) entries with a zero first
/// row and column, so the sum over [x0, x1) × [y0, y1) is I(x1,y1) − I(x0,y1) − I(x1,y0) + I(x0,y0).
/// </summary>
/// <remarks>
/// Sums are <see cref="long"/> for bytes (exact for any image up to 2^55 pixels) and <see cref="double"/>
/// for floats (every float is exact in a double, so sums are far more accurate than float running sums).
/// </remarks>
public static class IntegralImage
{
    /// <summary>Integral of an 8-bit plane; <paramref name="integral"/> holds (width+1)·(height+1) values.</summary>
    public static void Compute(ReadOnlySpan<byte> src, int width, int height, Span<long> integral)
    {
        KernelGuard.Plane(src.Length, width, height, 1, nameof(src));
        KernelGuard.Plane(integral.Length, width + 1, height + 1, 1, nameof(integral));
        int stride = width + 1;
        integral[..stride].Clear();
        for (int y = 0; y < height; y++)
        {
            var s = src.Slice(y * width, width);
            var prev = integral.Slice(y * stride, stride);
            var cur = integral.Slice((y + 1) * stride, stride);
            cur[0] = 0;

            // The row prefix is a serial dependency chain, so it stays scalar; adding the row above is
            // element-wise and vectorised.
            long run = 0;
            for (int x = 0; x < width; x++)
            {
                run += s[x];
                cur[x + 1] = run;
            }

            AddInPlace(prev, cur);
        }
    }

    /// <summary>Integral of a float plane in double precision.</summary>
    public static void Compute(ReadOnlySpan<float> src, int width, int height, Span<double> integral)
    {
        KernelGuard.Plane(src.Length, width, height, 1, nameof(src));
        KernelGuard.Plane(integral.Length, width + 1, height + 1, 1, nameof(integral));
        int stride = width + 1;
        integral[..stride].Clear();
        for (int y = 0; y < height; y++)
        {
            var s = src.Slice(y * width, width);
            var prev = integral.Slice(y * stride, stride);
            var cur = integral.Slice((y + 1) * stride, stride);
            cur[0] = 0;
            double run = 0;
            for (int x = 0; x < width; x++)
            {
                run += s[x];
                cur[x + 1] = run;
            }

            AddInPlace(prev, cur);
        }
    }

    /// <summary>Allocating overload for a single-channel byte buffer.</summary>
    public static long[] Compute(PixelBuffer<byte> src)
    {
        ArgumentNullException.ThrowIfNull(src);
        RequireSingleChannel(src.Channels);
        var result = new long[(src.Width + 1) * (src.Height + 1)];
        Compute(src.Span, src.Width, src.Height, result);
        return result;
    }

    /// <summary>Allocating overload for a single-channel float buffer.</summary>
    public static double[] Compute(PixelBuffer<float> src)
    {
        ArgumentNullException.ThrowIfNull(src);
        RequireSingleChannel(src.Channels);
        var result = new double[(src.Width + 1) * (src.Height + 1)];
        Compute(src.Span, src.Width, src.Height, result);
        return result;
    }

    /// <summary>Sum of the source over columns [x0, x1) and rows [y0, y1), from an integral of an image <paramref name="width"/> wide.</summary>
    public static long RectSum(ReadOnlySpan<long> integral, int width, int x0, int y0, int x1, int y1)
    {
        int s = width + 1;
        return integral[(y1 * s) + x1] - integral[(y1 * s) + x0] - integral[(y0 * s) + x1] + integral[(y0 * s) + x0];
    }

    /// <summary>Sum of the source over columns [x0, x1) and rows [y0, y1) (double integral).</summary>
    public static double RectSum(ReadOnlySpan<double> integral, int width, int x0, int y0, int x1, int y1)
    {
        int s = width + 1;
        return integral[(y1 * s) + x1] - integral[(y1 * s) + x0] - integral[(y0 * s) + x1] + integral[(y0 * s) + x0];
    }

    private static void RequireSingleChannel(int channels)
    {
        if (channels != 1)
        {
            throw new ArgumentException($"Integral images are computed per plane; got {channels} channels.", "src");
        }
    }

    private static void AddInPlace<T>(ReadOnlySpan<T> prev, Span<T> cur)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        ref T p = ref MemoryMarshal.GetReference(prev);
        ref T c = ref MemoryMarshal.GetReference(cur);
        int n = cur.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref c, (nuint)i) + Vector256.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref c, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                (Vector128.LoadUnsafe(ref c, (nuint)i) + Vector128.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref c, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref c, i) += Unsafe.Add(ref p, i);
        }
    }
}
