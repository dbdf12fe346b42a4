using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

/// <summary>
/// 3×3 derivative filters (Sobel, Scharr) on float planes with BORDER_REFLECT_101 — the same output as
/// OpenCV's <c>Sobel(src, CV_32F, 1, 0, 3)</c> / <c>(0, 1, 3)</c> and <c>Scharr</c> (unnormalised).
/// </summary>
public static class Gradients
{
    /// <summary>Sobel: smoothing [1 2 1] × derivative [-1 0 1] (unnormalised, as OpenCV ksize=3).</summary>
    public static void Sobel(PixelBuffer<float> src, PixelBuffer<float> gx, PixelBuffer<float> gy)
    {
        Require(src, gx, gy);
        Sobel(src.Span, src.Width, src.Height, gx.Span, gy.Span);
    }

    /// <summary>Scharr: smoothing [3 10 3] × derivative [-1 0 1] (rotationally more accurate).</summary>
    public static void Scharr(PixelBuffer<float> src, PixelBuffer<float> gx, PixelBuffer<float> gy)
    {
        Require(src, gx, gy);
        Scharr(src.Span, src.Width, src.Height, gx.Span, gy.Span);
    }

    /// <summary>Sobel derivatives of a width × height plane into <paramref name="gx"/> and <paramref name="gy"/>.</summary>
    public static void Sobel(ReadOnlySpan<float> src, int width, int height, Span<float> gx, Span<float> gy) =>
        Apply(src, width, height, gx, gy, 1f, 2f);

    /// <summary>Scharr derivatives of a width × height plane.</summary>
    public static void Scharr(ReadOnlySpan<float> src, int width, int height, Span<float> gx, Span<float> gy) =>
        Apply(src, width, height, gx, gy, 3f, 10f);

    /// <summary>Reference: direct 3×3 sums with explicit reflect-101 indices.</summary>
    internal static void ApplyScalar(ReadOnlySpan<float> src, int w, int h, Span<float> gx, Span<float> gy, float side, float centre)
    {
        for (int y = 0; y < h; y++)
        {
            int yu = Border.Reflect101(y - 1, h) * w, ym = y * w, yd = Border.Reflect101(y + 1, h) * w;
            for (int x = 0; x < w; x++)
            {
                int xl = Border.Reflect101(x - 1, w), xr = Border.Reflect101(x + 1, w);
                gx[ym + x] = (side * (src[yu + xr] - src[yu + xl])) + (centre * (src[ym + xr] - src[ym + xl])) + (side * (src[yd + xr] - src[yd + xl]));
                gy[ym + x] = (side * (src[yd + xl] - src[yu + xl])) + (centre * (src[yd + x] - src[yu + x])) + (side * (src[yd + xr] - src[yu + xr]));
            }
        }
    }

    private static void Apply(ReadOnlySpan<float> src, int w, int h, Span<float> gx, Span<float> gy, float side, float centre)
    {
        KernelGuard.Plane(src.Length, w, h, 1, nameof(src));
        KernelGuard.SameLength(src.Length, gx.Length, nameof(src), nameof(gx));
        KernelGuard.SameLength(src.Length, gy.Length, nameof(src), nameof(gy));

        // Three rows padded by one reflected pixel each side, so the inner loop reads x−1, x, x+1 as three
        // unaligned loads with no edge tests.
        float[] buf = ArrayPool<float>.Shared.Rent(3 * (w + 2));
        try
        {
            var up = buf.AsSpan(0, w + 2);
            var mid = buf.AsSpan(w + 2, w + 2);
            var dn = buf.AsSpan(2 * (w + 2), w + 2);
            for (int y = 0; y < h; y++)
            {
                Pad(src.Slice(Border.Reflect101(y - 1, h) * w, w), up);
                Pad(src.Slice(y * w, w), mid);
                Pad(src.Slice(Border.Reflect101(y + 1, h) * w, w), dn);
                Row(up, mid, dn, gx.Slice(y * w, w), gy.Slice(y * w, w), side, centre);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buf);
        }
    }

    private static void Pad(ReadOnlySpan<float> row, Span<float> padded)
    {
        int w = row.Length;
        row.CopyTo(padded[1..]);
        padded[0] = row[Border.Reflect101(-1, w)];
        padded[w + 1] = row[Border.Reflect101(w, w)];
    }

    private static void Row(ReadOnlySpan<float> up, ReadOnlySpan<float> mid, ReadOnlySpan<float> dn, Span<float> gx, Span<float> gy, float side, float centre)
    {
        ref float u = ref MemoryMarshal.GetReference(up);
        ref float m = ref MemoryMarshal.GetReference(mid);
        ref float d = ref MemoryMarshal.GetReference(dn);
        ref float ox = ref MemoryMarshal.GetReference(gx);
        ref float oy = ref MemoryMarshal.GetReference(gy);
        int n = gx.Length, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(side);
            var vc = Vector256.Create(centre);
            for (; x <= n - 8; x += 8)
            {
                // Padded index x is source x−1: L = x, C = x+1, R = x+2.
                var uL = Vector256.LoadUnsafe(ref u, (nuint)x);
                var uC = Vector256.LoadUnsafe(ref u, (nuint)(x + 1));
                var uR = Vector256.LoadUnsafe(ref u, (nuint)(x + 2));
                var mL = Vector256.LoadUnsafe(ref m, (nuint)x);
                var mR = Vector256.LoadUnsafe(ref m, (nuint)(x + 2));
                var dL = Vector256.LoadUnsafe(ref d, (nuint)x);
                var dC = Vector256.LoadUnsafe(ref d, (nuint)(x + 1));
                var dR = Vector256.LoadUnsafe(ref d, (nuint)(x + 2));

                // Same operation order as the scalar reference (no FMA), so results are bit-identical.
                ((vs * (uR - uL)) + (vc * (mR - mL)) + (vs * (dR - dL))).StoreUnsafe(ref ox, (nuint)x);
                ((vs * (dL - uL)) + (vc * (dC - uC)) + (vs * (dR - uR))).StoreUnsafe(ref oy, (nuint)x);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var vs = Vector128.Create(side);
            var vc = Vector128.Create(centre);
            for (; x <= n - 4; x += 4)
            {
                var uL = Vector128.LoadUnsafe(ref u, (nuint)x);
                var uC = Vector128.LoadUnsafe(ref u, (nuint)(x + 1));
                var uR = Vector128.LoadUnsafe(ref u, (nuint)(x + 2));
                var mL = Vector128.LoadUnsafe(ref m, (nuint)x);
                var mR = Vector128.LoadUnsafe(ref m, (nuint)(x + 2));
                var dL = Vector128.LoadUnsafe(ref d, (nuint)x);
                var dC = Vector128.LoadUnsafe(ref d, (nuint)(x + 1));
                var dR = Vector128.LoadUnsafe(ref d, (nuint)(x + 2));
                ((vs * (uR - uL)) + (vc * (mR - mL)) + (vs * (dR - dL))).StoreUnsafe(ref ox, (nuint)x);
                ((vs * (dL - uL)) + (vc * (dC - uC)) + (vs * (dR - uR))).StoreUnsafe(ref oy, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            float uL = Unsafe.Add(ref u, x), uC = Unsafe.Add(ref u, x + 1), uR = Unsafe.Add(ref u, x + 2);
            float mL = Unsafe.Add(ref m, x), mR = Unsafe.Add(ref m, x + 2);
            float dL = Unsafe.Add(ref d, x), dC = Unsafe.Add(ref d, x + 1), dR = Unsafe.Add(ref d, x + 2);
            Unsafe.Add(ref ox, x) = (side * (uR - uL)) + (centre * (mR - mL)) + (side * (dR - dL));
            Unsafe.Add(ref oy, x) = (side * (dL - uL)) + (centre * (dC - uC)) + (side * (dR - uR));
        }
    }

    private static void Require(PixelBuffer<float> src, PixelBuffer<float> gx, PixelBuffer<float> gy)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(gx);
        ArgumentNullException.ThrowIfNull(gy);
        if (!src.SameShape(gx) || !src.SameShape(gy) || src.Channels != 1)
        {
            throw new ArgumentException("Gradient buffers must be single-channel and the same shape as the source.", nameof(gx));
        }
    }
}
