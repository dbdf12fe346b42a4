using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

public static partial class GaussianBlur
{
    /// <summary>Blurs output rows [y0, y1) of a float image: vertical pass into a padded row, then horizontal.</summary>
    internal static void BlurRows(ReadOnlySpan<float> src, int width, int height, int channels, Span<float> dst, float[] k, int y0, int y1)
    {
        int r = k.Length / 2, stride = width * channels;
        float[] rowBuf = ArrayPool<float>.Shared.Rent(stride + (2 * r * channels));
        int[] offsets = ArrayPool<int>.Shared.Rent(k.Length);
        try
        {
            var padded = rowBuf.AsSpan(0, stride + (2 * r * channels));
            for (int y = y0; y < y1; y++)
            {
                for (int j = -r; j <= r; j++)
                {
                    offsets[j + r] = Border.Reflect101(y + j, height) * stride;
                }

                Vertical(src, offsets.AsSpan(0, k.Length), k, padded.Slice(r * channels, stride));
                PadReflect101(padded, width, channels, r);
                Horizontal(padded, channels, k, dst.Slice(y * stride, stride));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rowBuf);
            ArrayPool<int>.Shared.Return(offsets);
        }
    }

    /// <summary>
    /// dst[i] = k[r]·S(r)[i] + Σ_{j=1..r} k[r+j]·(S(r−j)[i] + S(r+j)[i]) where S(m) is the source row at
    /// <paramref name="rowOffsets"/>[m]. The kernel is symmetric, so mirrored rows are added before the
    /// multiply: r+1 multiply-adds per output instead of 2r+1.
    /// </summary>
    internal static void Vertical(ReadOnlySpan<float> src, ReadOnlySpan<int> rowOffsets, ReadOnlySpan<float> k, Span<float> dst)
    {
        int r = k.Length / 2, n = dst.Length, x = 0;
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        ref int off = ref MemoryMarshal.GetReference(rowOffsets);
        ref float kk = ref MemoryMarshal.GetReference(k);
        int centre = Unsafe.Add(ref off, r);
        float k0 = Unsafe.Add(ref kk, r);

        if (Vector256.IsHardwareAccelerated)
        {
            // Two independent accumulators (16 floats) per iteration hide the 4-cycle FMA latency.
            for (; x <= n - 16; x += 16)
            {
                ref float c = ref Unsafe.Add(ref s, centre + x);
                var acc0 = Vector256.LoadUnsafe(ref c) * k0;
                var acc1 = Vector256.LoadUnsafe(ref c, 8) * k0;
                for (int j = 1; j <= r; j++)
                {
                    ref float up = ref Unsafe.Add(ref s, Unsafe.Add(ref off, r - j) + x);
                    ref float dn = ref Unsafe.Add(ref s, Unsafe.Add(ref off, r + j) + x);
                    var kj = Vector256.Create(Unsafe.Add(ref kk, r + j));

                    // MultiplyAddEstimate = one FMA where the CPU has it, mul+add otherwise (never the slow exact fallback).
                    acc0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref up) + Vector256.LoadUnsafe(ref dn), kj, acc0);
                    acc1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref up, 8) + Vector256.LoadUnsafe(ref dn, 8), kj, acc1);
                }

                acc0.StoreUnsafe(ref d, (nuint)x);
                acc1.StoreUnsafe(ref d, (nuint)(x + 8));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; x <= n - 4; x += 4)
            {
                var acc = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, centre + x)) * k0;
                for (int j = 1; j <= r; j++)
                {
                    var pair = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, Unsafe.Add(ref off, r - j) + x))
                        + Vector128.LoadUnsafe(ref Unsafe.Add(ref s, Unsafe.Add(ref off, r + j) + x));
                    acc = Vector128.MultiplyAddEstimate(pair, Vector128.Create(Unsafe.Add(ref kk, r + j)), acc);
                }

                acc.StoreUnsafe(ref d, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            float acc = Unsafe.Add(ref s, centre + x) * k0;
            for (int j = 1; j <= r; j++)
            {
                acc += (Unsafe.Add(ref s, Unsafe.Add(ref off, r - j) + x) + Unsafe.Add(ref s, Unsafe.Add(ref off, r + j) + x)) * Unsafe.Add(ref kk, r + j);
            }

            Unsafe.Add(ref d, x) = acc;
        }
    }

    /// <summary>
    /// Horizontal pass over a row padded by r pixels each side: taps are <paramref name="channels"/> elements
    /// apart, so interleaved RGB is filtered per channel by the same flat loop. Mirrored taps are paired.
    /// </summary>
    internal static void Horizontal(ReadOnlySpan<float> padded, int channels, ReadOnlySpan<float> k, Span<float> dst)
    {
        int r = k.Length / 2, n = dst.Length, x = 0;
        ref float p = ref MemoryMarshal.GetReference(padded);
        ref float d = ref MemoryMarshal.GetReference(dst);
        ref float kk = ref MemoryMarshal.GetReference(k);
        float k0 = Unsafe.Add(ref kk, r);
        int rc = r * channels;

        if (Vector256.IsHardwareAccelerated)
        {
            for (; x <= n - 16; x += 16)
            {
                ref float c = ref Unsafe.Add(ref p, rc + x);
                var acc0 = Vector256.LoadUnsafe(ref c) * k0;
                var acc1 = Vector256.LoadUnsafe(ref c, 8) * k0;
                for (int j = 1; j <= r; j++)
                {
                    // Unaligned loads at ±j·channels: each lane reads its own neighbour, no shuffles needed.
                    ref float left = ref Unsafe.Add(ref c, -j * channels);
                    ref float right = ref Unsafe.Add(ref c, j * channels);
                    var kj = Vector256.Create(Unsafe.Add(ref kk, r + j));
                    acc0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref left) + Vector256.LoadUnsafe(ref right), kj, acc0);
                    acc1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref left, 8) + Vector256.LoadUnsafe(ref right, 8), kj, acc1);
                }

                acc0.StoreUnsafe(ref d, (nuint)x);
                acc1.StoreUnsafe(ref d, (nuint)(x + 8));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; x <= n - 4; x += 4)
            {
                ref float c = ref Unsafe.Add(ref p, rc + x);
                var acc = Vector128.LoadUnsafe(ref c) * k0;
                for (int j = 1; j <= r; j++)
                {
                    var pair = Vector128.LoadUnsafe(ref Unsafe.Add(ref c, -j * channels)) + Vector128.LoadUnsafe(ref Unsafe.Add(ref c, j * channels));
                    acc = Vector128.MultiplyAddEstimate(pair, Vector128.Create(Unsafe.Add(ref kk, r + j)), acc);
                }

                acc.StoreUnsafe(ref d, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            ref float c = ref Unsafe.Add(ref p, rc + x);
            float acc = c * k0;
            for (int j = 1; j <= r; j++)
            {
                acc += (Unsafe.Add(ref c, -j * channels) + Unsafe.Add(ref c, j * channels)) * Unsafe.Add(ref kk, r + j);
            }

            Unsafe.Add(ref d, x) = acc;
        }
    }

    /// <summary>Fills the r-pixel margins of a padded row (interior at [r·c, r·c + w·c)) by BORDER_REFLECT_101.</summary>
    internal static void PadReflect101(Span<float> padded, int width, int channels, int r)
    {
        int rc = r * channels;
        for (int i = 1; i <= r; i++)
        {
            int left = Border.Reflect101(-i, width), right = Border.Reflect101(width - 1 + i, width);
            padded.Slice(rc + (left * channels), channels).CopyTo(padded.Slice(rc - (i * channels), channels));
            padded.Slice(rc + (right * channels), channels).CopyTo(padded.Slice(rc + ((width - 1 + i) * channels), channels));
        }
    }
}
