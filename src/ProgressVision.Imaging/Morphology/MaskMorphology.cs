using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Morphology;

/// <summary>
/// Erosion, dilation, opening and closing of 8-bit masks (any byte values: this is grey-level
/// morphology, so 0/255 masks stay 0/255). Pixels outside the image are ignored, the same as OpenCV's
/// default constant border for <c>erode</c>/<c>dilate</c>.
/// </summary>
/// <remarks>
/// Every supported element is a union of centred rows (<see cref="StructuringElement.HalfWidth"/>), so
/// min over the element = min over its rows dy of (min over dx ∈ [−w(dy), w(dy)] of the row y+dy).
/// For each distinct half-width we run one horizontal running-min pass (van Herk / Gil-Werman: O(1)
/// per pixel whatever the radius, or a few shifted vector loads for small widths), then fold the
/// shifted rows together with whole-row vector min/max. A square therefore costs O(r) vector passes,
/// a disc O(r) passes as well (it has at most r+1 distinct widths).
/// </remarks>
public static class MaskMorphology
{
    // Up to this half-width, 2w+1 shifted vector loads beat the three-array van Herk scan.
    private const int DirectHalfWidthLimit = 4;

    /// <summary>Erodes <paramref name="src"/> (width × height, one byte per pixel) into <paramref name="dst"/>.</summary>
    /// <remarks><paramref name="dst"/> may be the same memory as <paramref name="src"/>.</remarks>
    public static void Erode(ReadOnlySpan<byte> src, int width, int height, Span<byte> dst, StructuringElement element) =>
        Apply<ErodeOperator>(src, width, height, dst, element);

    /// <summary>Dilates <paramref name="src"/> into <paramref name="dst"/> (may alias).</summary>
    public static void Dilate(ReadOnlySpan<byte> src, int width, int height, Span<byte> dst, StructuringElement element) =>
        Apply<DilateOperator>(src, width, height, dst, element);

    /// <summary>Opening (erode then dilate): removes bright specks smaller than the element.</summary>
    public static void Open(ReadOnlySpan<byte> src, int width, int height, Span<byte> dst, StructuringElement element)
    {
        Apply<ErodeOperator>(src, width, height, dst, element);
        Apply<DilateOperator>(dst, width, height, dst, element);
    }

    /// <summary>Closing (dilate then erode): fills dark gaps smaller than the element.</summary>
    public static void Close(ReadOnlySpan<byte> src, int width, int height, Span<byte> dst, StructuringElement element)
    {
        Apply<DilateOperator>(src, width, height, dst, element);
        Apply<ErodeOperator>(dst, width, height, dst, element);
    }

    /// <summary>Erodes a single-channel mask into a new buffer.</summary>
    public static PixelBuffer<byte> Erode(PixelBuffer<byte> src, StructuringElement element) => Run(src, element, Erode);

    /// <summary>Dilates a single-channel mask into a new buffer.</summary>
    public static PixelBuffer<byte> Dilate(PixelBuffer<byte> src, StructuringElement element) => Run(src, element, Dilate);

    /// <summary>Opens a single-channel mask into a new buffer.</summary>
    public static PixelBuffer<byte> Open(PixelBuffer<byte> src, StructuringElement element) => Run(src, element, Open);

    /// <summary>Closes a single-channel mask into a new buffer.</summary>
    public static PixelBuffer<byte> Close(PixelBuffer<byte> src, StructuringElement element) => Run(src, element, Close);

    private delegate void SpanOperation(ReadOnlySpan<byte> src, int width, int height, Span<byte> dst, StructuringElement element);

    private static PixelBuffer<byte> Run(PixelBuffer<byte> src, StructuringElement element, SpanOperation op)
    {
        ArgumentNullException.ThrowIfNull(src);
        if (src.Channels != 1)
        {
            throw new ArgumentException($"Morphology needs a single-channel mask, got {src}.", nameof(src));
        }

        var dst = new PixelBuffer<byte>(src.Width, src.Height, 1, clear: false);
        op(src.Span, src.Width, src.Height, dst.Span, element);
        return dst;
    }

    internal static void Apply<TOp>(ReadOnlySpan<byte> src, int width, int height, Span<byte> dst, StructuringElement element)
        where TOp : struct, IMorphologyOperator
    {
        KernelGuard.Plane(src.Length, width, height, 1, nameof(src));
        KernelGuard.SameLength(src.Length, dst.Length, nameof(src), nameof(dst));

        byte[]? copy = null;
        if (src.Overlaps(dst))
        {
            // The per-width passes all read the original image, so in-place use needs a private copy.
            copy = ArrayPool<byte>.Shared.Rent(src.Length);
            src.CopyTo(copy);
            src = copy.AsSpan(0, dst.Length);
        }

        int r = element.Radius;
        byte[] rowMin = ArrayPool<byte>.Shared.Rent(src.Length);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(3 * (width + (2 * r) + 1));
        try
        {
            dst.Fill(TOp.Identity);
            Span<bool> done = r < 256 ? stackalloc bool[r + 1] : new bool[r + 1];
            for (int dy0 = -r; dy0 <= r; dy0++)
            {
                int k = element.HalfWidth(dy0);
                if (done[k])
                {
                    continue;
                }

                done[k] = true;
                var planeMin = rowMin.AsSpan(0, src.Length);
                for (int y = 0; y < height; y++)
                {
                    HorizontalRun<TOp>(src.Slice(y * width, width), planeMin.Slice(y * width, width), k, scratch);
                }

                // Fold every element row with this half-width: dst(y) ⊓= rowMin(y + dy).
                for (int dy = -r; dy <= r; dy++)
                {
                    if (element.HalfWidth(dy) != k)
                    {
                        continue;
                    }

                    int y0 = Math.Max(0, -dy), y1 = Math.Min(height, height - dy);
                    for (int y = y0; y < y1; y++)
                    {
                        Combine<TOp>(planeMin.Slice((y + dy) * width, width), dst.Slice(y * width, width));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rowMin);
            ArrayPool<byte>.Shared.Return(scratch);
            if (copy is not null)
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }
    }

    /// <summary>dst[x] = op(dst[x], src[x]) over a row: 32 (or 16) pixels per instruction.</summary>
    internal static void Combine<TOp>(ReadOnlySpan<byte> src, Span<byte> dst)
        where TOp : struct, IMorphologyOperator
    {
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = dst.Length, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; x <= n - Vector256<byte>.Count; x += Vector256<byte>.Count)
            {
                var v = TOp.Apply(Vector256.LoadUnsafe(ref d, (nuint)x), Vector256.LoadUnsafe(ref s, (nuint)x));
                v.StoreUnsafe(ref d, (nuint)x);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; x <= n - Vector128<byte>.Count; x += Vector128<byte>.Count)
            {
                var v = TOp.Apply(Vector128.LoadUnsafe(ref d, (nuint)x), Vector128.LoadUnsafe(ref s, (nuint)x));
                v.StoreUnsafe(ref d, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref d, x) = TOp.Apply(Unsafe.Add(ref d, x), Unsafe.Add(ref s, x));
        }
    }

    /// <summary>
    /// out[x] = op over src[x−k .. x+k] (out-of-row pixels ignored). <paramref name="scratch"/> holds at
    /// least 3 × (width + 2k + 1) bytes.
    /// </summary>
    internal static void HorizontalRun<TOp>(ReadOnlySpan<byte> src, Span<byte> dst, int k, byte[] scratch)
        where TOp : struct, IMorphologyOperator
    {
        int w = src.Length;
        if (k == 0)
        {
            src.CopyTo(dst);
            return;
        }

        // Pad with the neutral value so the window never needs clipping: p[i] = src[i − k].
        int n = w + (2 * k);
        var p = scratch.AsSpan(0, n);
        p[..k].Fill(TOp.Identity);
        src.CopyTo(p[k..]);
        p[(k + w)..].Fill(TOp.Identity);

        if (k <= DirectHalfWidthLimit)
        {
            DirectRun<TOp>(p, dst, k);
            return;
        }

        // van Herk / Gil-Werman: cut p into blocks of m = 2k+1; g = running op from each block's start,
        // h = running op from each block's end. A window [x, x+2k] spans at most two blocks and equals
        // op(h[x], g[x+2k]) - three ops per pixel for any k.
        int m = (2 * k) + 1;
        var g = scratch.AsSpan(n, n);
        var h = scratch.AsSpan(2 * n, n);
        for (int i = 0; i < n; i++)
        {
            g[i] = i % m == 0 ? p[i] : TOp.Apply(g[i - 1], p[i]);
        }

        for (int i = n - 1; i >= 0; i--)
        {
            h[i] = (i == n - 1 || (i + 1) % m == 0) ? p[i] : TOp.Apply(h[i + 1], p[i]);
        }

        for (int x = 0; x < w; x++)
        {
            dst[x] = TOp.Apply(h[x], g[x + (2 * k)]);
        }
    }

    // 2k+1 unaligned vector loads per 32 outputs: for small k this is cheaper than van Herk's three passes.
    private static void DirectRun<TOp>(ReadOnlySpan<byte> padded, Span<byte> dst, int k)
        where TOp : struct, IMorphologyOperator
    {
        ref byte p = ref MemoryMarshal.GetReference(padded);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int w = dst.Length, span = 2 * k, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; x <= w - Vector256<byte>.Count; x += Vector256<byte>.Count)
            {
                var acc = Vector256.LoadUnsafe(ref p, (nuint)x);
                for (int i = 1; i <= span; i++)
                {
                    acc = TOp.Apply(acc, Vector256.LoadUnsafe(ref p, (nuint)(x + i)));
                }

                acc.StoreUnsafe(ref d, (nuint)x);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; x <= w - Vector128<byte>.Count; x += Vector128<byte>.Count)
            {
                var acc = Vector128.LoadUnsafe(ref p, (nuint)x);
                for (int i = 1; i <= span; i++)
                {
                    acc = TOp.Apply(acc, Vector128.LoadUnsafe(ref p, (nuint)(x + i)));
                }

                acc.StoreUnsafe(ref d, (nuint)x);
            }
        }

        for (; x < w; x++)
        {
            byte acc = Unsafe.Add(ref p, x);
            for (int i = 1; i <= span; i++)
            {
                acc = TOp.Apply(acc, Unsafe.Add(ref p, x + i));
            }

            Unsafe.Add(ref d, x) = acc;
        }
    }

    /// <summary>Reference: brute-force op over every element offset, out-of-image offsets skipped.</summary>
    internal static void ApplyScalar<TOp>(ReadOnlySpan<byte> src, int width, int height, Span<byte> dst, StructuringElement element)
        where TOp : struct, IMorphologyOperator
    {
        KernelGuard.Plane(src.Length, width, height, 1, nameof(src));
        KernelGuard.SameLength(src.Length, dst.Length, nameof(src), nameof(dst));
        int r = element.Radius;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte acc = TOp.Identity;
                for (int dy = -r; dy <= r; dy++)
                {
                    int yy = y + dy;
                    if ((uint)yy >= (uint)height)
                    {
                        continue;
                    }

                    int hw = element.HalfWidth(dy);
                    for (int dx = -hw; dx <= hw; dx++)
                    {
                        int xx = x + dx;
                        if ((uint)xx < (uint)width)
                        {
                            acc = TOp.Apply(acc, src[(yy * width) + xx]);
                        }
                    }
                }

                dst[(y * width) + x] = acc;
            }
        }
    }
}
