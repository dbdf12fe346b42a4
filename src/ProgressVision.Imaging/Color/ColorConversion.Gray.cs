using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Color;

public static partial class ColorConversion
{
    // Byte inputs are widened into float blocks of this many pixels (stack, 3 KB) before the float kernels.
    private const int BlockPixels = 256;

    // OpenCV 4's 8-bit RGB2GRAY: round-to-nearest of (9798 R + 19235 G + 3735 B) / 2^15 (imgproc
    // color_rgb.simd.hpp, RY15/GY15/BY15 with gray_shift = 15; checked against cv2 on 200 000 random
    // pixels — the older 14-bit weights differ in 0.25% of them). The weights / 2^15 are exact floats and
    // every partial sum is a multiple of 2^-15 below 256 (23 significant bits), so the float evaluation
    // below is exact.
    private const float FixedR = 9798f / 32768f, FixedG = 19235f / 32768f, FixedB = 3735f / 32768f;

    /// <summary>RGB (3 bytes per pixel) to luma in [0,255] as float (BT.601 weights).</summary>
    public static void RgbToGray(ReadOnlySpan<byte> rgb, Span<float> gray)
    {
        KernelGuard.Multiple(rgb.Length, gray.Length, 3, nameof(rgb), nameof(gray));
        GrayFromBytes(rgb, gray, Kr, Kg, Kb);
    }

    /// <summary>
    /// RGB (3 bytes per pixel) to 8-bit luma, bit-exact with OpenCV's <c>cvtColor(COLOR_RGB2GRAY)</c>
    /// (15-bit fixed-point BT.601 weights, rounded).
    /// </summary>
    public static void RgbToGray(ReadOnlySpan<byte> rgb, Span<byte> gray)
    {
        KernelGuard.Multiple(rgb.Length, gray.Length, 3, nameof(rgb), nameof(gray));
        Span<float> g = stackalloc float[BlockPixels];
        for (int p = 0; p < gray.Length; p += BlockPixels)
        {
            int n = Math.Min(BlockPixels, gray.Length - p);
            GrayFromBytes(rgb.Slice(3 * p, 3 * n), g[..n], FixedR, FixedG, FixedB);

            // v + 0.5 truncated = round half up, which is exactly (sum + 2^14) >> 15 here.
            ToByteRounded(g[..n], gray.Slice(p, n));
        }
    }

    /// <summary>RGB floats (3 per pixel, any range) to luma with BT.601 weights.</summary>
    public static void RgbToGray(ReadOnlySpan<float> rgb, Span<float> gray)
    {
        KernelGuard.Multiple(rgb.Length, gray.Length, 3, nameof(rgb), nameof(gray));
        GrayCore(rgb, gray, Kr, Kg, Kb);
    }

    /// <summary>An RGB byte buffer to an 8-bit gray buffer (OpenCV-exact).</summary>
    public static PixelBuffer<byte> RgbToGray(PixelBuffer<byte> rgb)
    {
        RequireRgb(rgb.Channels);
        var g = new PixelBuffer<byte>(rgb.Width, rgb.Height, 1, clear: false);
        RgbToGray(rgb.Span, g.Span);
        return g;
    }

    /// <summary>An RGB byte buffer to a float luma plane in [0,255].</summary>
    public static PixelBuffer<float> RgbToGrayFloat(PixelBuffer<byte> rgb)
    {
        RequireRgb(rgb.Channels);
        var g = new PixelBuffer<float>(rgb.Width, rgb.Height, 1, clear: false);
        RgbToGray(rgb.Span, g.Span);
        return g;
    }

    /// <summary>Reference for the float gray kernels: per pixel (r·kr + g·kg) + b·kb.</summary>
    internal static void RgbToGrayScalar(ReadOnlySpan<float> rgb, Span<float> gray)
    {
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = (Kr * rgb[3 * i]) + (Kg * rgb[(3 * i) + 1]) + (Kb * rgb[(3 * i) + 2]);
        }
    }

    /// <summary>Reference for the 8-bit gray: OpenCV's integer formula written out.</summary>
    internal static void RgbToGrayScalar(ReadOnlySpan<byte> rgb, Span<byte> gray)
    {
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = (byte)(((9798 * rgb[3 * i]) + (19235 * rgb[(3 * i) + 1]) + (3735 * rgb[(3 * i) + 2]) + 16384) >> 15);
        }
    }

    private static void GrayFromBytes(ReadOnlySpan<byte> rgb, Span<float> gray, float kr, float kg, float kb)
    {
        Span<float> block = stackalloc float[3 * BlockPixels];
        for (int p = 0; p < gray.Length; p += BlockPixels)
        {
            int n = Math.Min(BlockPixels, gray.Length - p);
            ToFloat(rgb.Slice(3 * p, 3 * n), block[..(3 * n)]);
            GrayCore(block[..(3 * n)], gray.Slice(p, n), kr, kg, kb);
        }
    }

    // Deinterleave 8 (or 4) pixels per step, then (r·kr + g·kg) + b·kb with separate multiplies and adds
    // (no FMA) so the vector lanes round exactly like the scalar tail.
    private static void GrayCore(ReadOnlySpan<float> rgb, Span<float> gray, float kr, float kg, float kb)
    {
        ref float s = ref MemoryMarshal.GetReference(rgb);
        ref float d = ref MemoryMarshal.GetReference(gray);
        int n = gray.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                ref float p = ref Unsafe.Add(ref s, 3 * i);
                Rgb3.Deinterleave(Vector256.LoadUnsafe(ref p), Vector256.LoadUnsafe(ref p, 8), Vector256.LoadUnsafe(ref p, 16), out var r, out var g, out var b);
                ((r * kr) + (g * kg) + (b * kb)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - 4; i += 4)
            {
                ref float p = ref Unsafe.Add(ref s, 3 * i);
                Rgb3.Deinterleave(Vector128.LoadUnsafe(ref p), Vector128.LoadUnsafe(ref p, 4), Vector128.LoadUnsafe(ref p, 8), out var r, out var g, out var b);
                ((r * kr) + (g * kg) + (b * kb)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            ref float p = ref Unsafe.Add(ref s, 3 * i);
            Unsafe.Add(ref d, i) = (p * kr) + (Unsafe.Add(ref p, 1) * kg) + (Unsafe.Add(ref p, 2) * kb);
        }
    }

    private static void RequireRgb(int channels)
    {
        if (channels != 3)
        {
            throw new ArgumentException($"Expected an RGB buffer (3 channels), got {channels}.", "rgb");
        }
    }
}
