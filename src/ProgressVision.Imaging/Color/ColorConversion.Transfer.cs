using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Color;

public static partial class ColorConversion
{
    /// <summary>sRGB bytes to linear light in [0,1] by table lookup (the table holds the correctly rounded IEC curve).</summary>
    public static void SrgbToLinear(ReadOnlySpan<byte> srgb, Span<float> linear)
    {
        KernelGuard.SameLength(srgb.Length, linear.Length, nameof(srgb), nameof(linear));

        // A 256-entry gather: there is no portable vector gather, and one L1 load per element is already cheap.
        ref float lut = ref MemoryMarshal.GetArrayDataReference(SrgbLut);
        for (int i = 0; i < srgb.Length; i++)
        {
            linear[i] = System.Runtime.CompilerServices.Unsafe.Add(ref lut, srgb[i]);
        }
    }

    /// <summary>sRGB in [0,1] (clamped) to linear light, element-wise (works on interleaved RGB unchanged).</summary>
    public static void SrgbToLinear(ReadOnlySpan<float> srgb, Span<float> linear)
    {
        KernelGuard.SameLength(srgb.Length, linear.Length, nameof(srgb), nameof(linear));
        Transfer(srgb, linear, decode: true);
    }

    /// <summary>Linear light (clamped to [0,1]) to sRGB in [0,1], element-wise.</summary>
    public static void LinearToSrgb(ReadOnlySpan<float> linear, Span<float> srgb)
    {
        KernelGuard.SameLength(linear.Length, srgb.Length, nameof(linear), nameof(srgb));
        Transfer(linear, srgb, decode: false);
    }

    /// <summary>Linear light (clamped) to 8-bit sRGB, rounded to nearest.</summary>
    public static void LinearToSrgb(ReadOnlySpan<float> linear, Span<byte> srgb)
    {
        KernelGuard.SameLength(linear.Length, srgb.Length, nameof(linear), nameof(srgb));
        Span<float> block = stackalloc float[3 * BlockPixels];
        for (int i = 0; i < linear.Length; i += block.Length)
        {
            int n = Math.Min(block.Length, linear.Length - i);
            Transfer(linear.Slice(i, n), block[..n], decode: false);
            ScaleToBytes(block[..n], srgb.Slice(i, n));
        }
    }

    /// <summary>An 8-bit sRGB buffer (any channel count) to linear light in [0,1].</summary>
    public static PixelBuffer<float> SrgbToLinear(PixelBuffer<byte> srgb)
    {
        ArgumentNullException.ThrowIfNull(srgb);
        var linear = new PixelBuffer<float>(srgb.Width, srgb.Height, srgb.Channels, clear: false);
        SrgbToLinear(srgb.Span, linear.Span);
        return linear;
    }

    /// <summary>Reference for the float transfer kernels: the one-value functions in a loop.</summary>
    internal static void TransferScalar(ReadOnlySpan<float> src, Span<float> dst, bool decode)
    {
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = decode ? SrgbToLinear(src[i]) : LinearToSrgb(src[i]);
        }
    }

    private static void Transfer(ReadOnlySpan<float> src, Span<float> dst, bool decode)
    {
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref s, (nuint)i);
                (decode ? VectorMath.DecodeSrgb(v) : VectorMath.EncodeSrgb(v)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - 4; i += 4)
            {
                var v = Vector128.LoadUnsafe(ref s, (nuint)i);
                (decode ? VectorMath.DecodeSrgb(v) : VectorMath.EncodeSrgb(v)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            dst[i] = decode ? SrgbToLinear(src[i]) : LinearToSrgb(src[i]);
        }
    }

    // [0,1] floats → bytes: ×255 in place, then the shared rounding kernel (clamps, NaN → 0).
    private static void ScaleToBytes(Span<float> unit, Span<byte> dst)
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(unit, 255f, unit);
        ToByteRounded(unit, dst);
    }
}
