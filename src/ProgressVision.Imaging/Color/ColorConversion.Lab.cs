using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Color;

public static partial class ColorConversion
{
    /// <summary>
    /// sRGB (3 bytes per pixel) to CIELAB (D65): L in [0,100], a and b unscaled (about ±128). Output is
    /// interleaved L, a, b, one float per input byte.
    /// </summary>
    public static void RgbToLab(ReadOnlySpan<byte> rgb, Span<float> lab)
    {
        if (rgb.Length != lab.Length || rgb.Length % 3 != 0)
        {
            throw new ArgumentException($"rgb length {rgb.Length} must equal lab length {lab.Length} and be a multiple of 3.", nameof(lab));
        }

        // The transfer curve is a table lookup per byte into a small float block; the matrix and cube
        // roots then run in the vector core shared with the float path.
        Span<float> block = stackalloc float[3 * BlockPixels];
        ref float lut = ref MemoryMarshal.GetArrayDataReference(SrgbLut);
        for (int i = 0; i < rgb.Length; i += block.Length)
        {
            int n = Math.Min(block.Length, rgb.Length - i);
            var src = rgb.Slice(i, n);
            for (int j = 0; j < n; j++)
            {
                block[j] = Unsafe.Add(ref lut, src[j]);
            }

            LabCore(block[..n], lab.Slice(i, n), decode: false);
        }
    }

    /// <summary>
    /// sRGB floats in [0,1] (clamped, 3 per pixel) to CIELAB — the same quantities as OpenCV's
    /// <c>cvtColor(COLOR_RGB2Lab)</c> on CV_32F input.
    /// </summary>
    public static void RgbToLab(ReadOnlySpan<float> rgb, Span<float> lab)
    {
        if (rgb.Length != lab.Length || rgb.Length % 3 != 0)
        {
            throw new ArgumentException($"rgb length {rgb.Length} must equal lab length {lab.Length} and be a multiple of 3.", nameof(lab));
        }

        LabCore(rgb, lab, decode: true);
    }

    /// <summary>
    /// Linear-light RGB (3 floats per pixel, not clamped) to CIELAB — the same quantities as OpenCV's
    /// <c>cvtColor(COLOR_LRGB2Lab)</c>.
    /// </summary>
    public static void LinearRgbToLab(ReadOnlySpan<float> linearRgb, Span<float> lab)
    {
        if (linearRgb.Length != lab.Length || linearRgb.Length % 3 != 0)
        {
            throw new ArgumentException($"linearRgb length {linearRgb.Length} must equal lab length {lab.Length} and be a multiple of 3.", nameof(lab));
        }

        LabCore(linearRgb, lab, decode: false);
    }

    /// <summary>CIELAB (interleaved L, a, b) to sRGB floats in [0,1] (out-of-gamut colours clamped).</summary>
    public static void LabToRgb(ReadOnlySpan<float> lab, Span<float> rgb)
    {
        if (rgb.Length != lab.Length || rgb.Length % 3 != 0)
        {
            throw new ArgumentException($"lab length {lab.Length} must equal rgb length {rgb.Length} and be a multiple of 3.", nameof(rgb));
        }

        LabToRgbCore(lab, rgb);
    }

    /// <summary>CIELAB to 8-bit sRGB, rounded to nearest.</summary>
    public static void LabToRgb(ReadOnlySpan<float> lab, Span<byte> rgb)
    {
        if (rgb.Length != lab.Length || rgb.Length % 3 != 0)
        {
            throw new ArgumentException($"lab length {lab.Length} must equal rgb length {rgb.Length} and be a multiple of 3.", nameof(rgb));
        }

        Span<float> block = stackalloc float[3 * BlockPixels];
        for (int i = 0; i < lab.Length; i += block.Length)
        {
            int n = Math.Min(block.Length, lab.Length - i);
            LabToRgbCore(lab.Slice(i, n), block[..n]);
            ScaleToBytes(block[..n], rgb.Slice(i, n));
        }
    }

    /// <summary>An RGB byte buffer to a 3-channel CIELAB float buffer, using up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    public static PixelBuffer<float> RgbToLab(PixelBuffer<byte> rgb, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        RequireRgb(rgb.Channels);
        var lab = new PixelBuffer<float>(rgb.Width, rgb.Height, 3, clear: false);
        int stride = rgb.Stride;
        RowBands.Run(rgb.Height, maxDegreeOfParallelism, (y0, y1) =>
            RgbToLab(rgb.Span.Slice(y0 * stride, (y1 - y0) * stride), lab.Span.Slice(y0 * stride, (y1 - y0) * stride)));
        return lab;
    }

    /// <summary>A 3-channel sRGB float buffer ([0,1]) to CIELAB, using up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    public static PixelBuffer<float> RgbToLab(PixelBuffer<float> rgb, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        RequireRgb(rgb.Channels);
        var lab = new PixelBuffer<float>(rgb.Width, rgb.Height, 3, clear: false);
        int stride = rgb.Stride;
        RowBands.Run(rgb.Height, maxDegreeOfParallelism, (y0, y1) =>
            RgbToLab(rgb.Span.Slice(y0 * stride, (y1 - y0) * stride), lab.Span.Slice(y0 * stride, (y1 - y0) * stride)));
        return lab;
    }

    /// <summary>A 3-channel CIELAB float buffer to 8-bit sRGB.</summary>
    public static PixelBuffer<byte> LabToRgb(PixelBuffer<float> lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        RequireRgb(lab.Channels);
        var rgb = new PixelBuffer<byte>(lab.Width, lab.Height, 3, clear: false);
        LabToRgb(lab.Span, rgb.Span);
        return rgb;
    }

    /// <summary>Reference for float RGB→Lab: the one-pixel function (MathF.Pow, MathF.Cbrt) per pixel.</summary>
    internal static void RgbToLabScalar(ReadOnlySpan<float> rgb, Span<float> lab)
    {
        for (int i = 0; i < rgb.Length; i += 3)
        {
            (lab[i], lab[i + 1], lab[i + 2]) = RgbToLab(rgb[i], rgb[i + 1], rgb[i + 2]);
        }
    }

    /// <summary>Reference for byte RGB→Lab.</summary>
    internal static void RgbToLabScalar(ReadOnlySpan<byte> rgb, Span<float> lab)
    {
        for (int i = 0; i < rgb.Length; i += 3)
        {
            (lab[i], lab[i + 1], lab[i + 2]) = RgbToLab(rgb[i], rgb[i + 1], rgb[i + 2]);
        }
    }

    /// <summary>Reference for Lab→RGB floats.</summary>
    internal static void LabToRgbScalar(ReadOnlySpan<float> lab, Span<float> rgb)
    {
        for (int i = 0; i < lab.Length; i += 3)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = LabToRgbUnit(lab[i], lab[i + 1], lab[i + 2]);
        }
    }

    // Per 8 pixels: load 3 vectors, (optionally) decode the transfer curve element-wise while still
    // interleaved, deinterleave, 3×3 matrix, cube roots, Lab, interleave, store.
    private static void LabCore(ReadOnlySpan<float> rgb, Span<float> lab, bool decode)
    {
        ref float s = ref MemoryMarshal.GetReference(rgb);
        ref float d = ref MemoryMarshal.GetReference(lab);
        int pixels = rgb.Length / 3, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= pixels - 8; i += 8)
            {
                ref float p = ref Unsafe.Add(ref s, 3 * i);
                var v0 = Vector256.LoadUnsafe(ref p);
                var v1 = Vector256.LoadUnsafe(ref p, 8);
                var v2 = Vector256.LoadUnsafe(ref p, 16);
                if (decode)
                {
                    v0 = VectorMath.DecodeSrgb(v0);
                    v1 = VectorMath.DecodeSrgb(v1);
                    v2 = VectorMath.DecodeSrgb(v2);
                }

                Rgb3.Deinterleave(v0, v1, v2, out var r, out var g, out var b);
                var fx = LabF((r * Xr) + (g * Xg) + (b * Xb));
                var fy = LabF((r * Yr) + (g * Yg) + (b * Yb));
                var fz = LabF((r * Zr) + (g * Zg) + (b * Zb));
                var l = (fy * 116f) - Vector256.Create(16f);
                var a = (fx - fy) * 500f;
                var bb = (fy - fz) * 200f;
                Rgb3.Interleave(l, a, bb, out v0, out v1, out v2);
                ref float q = ref Unsafe.Add(ref d, 3 * i);
                v0.StoreUnsafe(ref q);
                v1.StoreUnsafe(ref q, 8);
                v2.StoreUnsafe(ref q, 16);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= pixels - 4; i += 4)
            {
                ref float p = ref Unsafe.Add(ref s, 3 * i);
                var v0 = Vector128.LoadUnsafe(ref p);
                var v1 = Vector128.LoadUnsafe(ref p, 4);
                var v2 = Vector128.LoadUnsafe(ref p, 8);
                if (decode)
                {
                    v0 = VectorMath.DecodeSrgb(v0);
                    v1 = VectorMath.DecodeSrgb(v1);
                    v2 = VectorMath.DecodeSrgb(v2);
                }

                Rgb3.Deinterleave(v0, v1, v2, out var r, out var g, out var b);
                var fx = LabF((r * Xr) + (g * Xg) + (b * Xb));
                var fy = LabF((r * Yr) + (g * Yg) + (b * Yb));
                var fz = LabF((r * Zr) + (g * Zg) + (b * Zb));
                Rgb3.Interleave((fy * 116f) - Vector128.Create(16f), (fx - fy) * 500f, (fy - fz) * 200f, out v0, out v1, out v2);
                ref float q = ref Unsafe.Add(ref d, 3 * i);
                v0.StoreUnsafe(ref q);
                v1.StoreUnsafe(ref q, 4);
                v2.StoreUnsafe(ref q, 8);
            }
        }

        for (; i < pixels; i++)
        {
            float r = Unsafe.Add(ref s, 3 * i), g = Unsafe.Add(ref s, (3 * i) + 1), b = Unsafe.Add(ref s, (3 * i) + 2);
            var (l, a, bb) = decode ? RgbToLab(r, g, b) : LinearToLab(r, g, b);
            Unsafe.Add(ref d, 3 * i) = l;
            Unsafe.Add(ref d, (3 * i) + 1) = a;
            Unsafe.Add(ref d, (3 * i) + 2) = bb;
        }
    }

    // Per 8 pixels: deinterleave L,a,b; f⁻¹; XYZ → linear RGB; encode the transfer curve; interleave.
    private static void LabToRgbCore(ReadOnlySpan<float> lab, Span<float> rgb)
    {
        ref float s = ref MemoryMarshal.GetReference(lab);
        ref float d = ref MemoryMarshal.GetReference(rgb);
        int pixels = lab.Length / 3, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= pixels - 8; i += 8)
            {
                ref float p = ref Unsafe.Add(ref s, 3 * i);
                Rgb3.Deinterleave(Vector256.LoadUnsafe(ref p), Vector256.LoadUnsafe(ref p, 8), Vector256.LoadUnsafe(ref p, 16), out var l, out var a, out var b);
                var fy = (l + Vector256.Create(16f)) * (1f / 116f);
                var x = LabFInv(fy + (a * (1f / 500f))) * WhiteX;
                var y = LabFInv(fy);
                var z = LabFInv(fy - (b * (1f / 200f))) * WhiteZ;

                // XYZ → linear sRGB: the inverse IEC matrix (same numbers as the scalar LabToRgbUnit).
                var rl = (x * 3.2404542f) - (y * 1.5371385f) - (z * 0.4985314f);
                var gl = (x * -0.9692660f) + (y * 1.8760108f) + (z * 0.0415560f);
                var bl = (x * 0.0556434f) - (y * 0.2040259f) + (z * 1.0572252f);
                Rgb3.Interleave(VectorMath.EncodeSrgb(rl), VectorMath.EncodeSrgb(gl), VectorMath.EncodeSrgb(bl), out var v0, out var v1, out var v2);
                ref float q = ref Unsafe.Add(ref d, 3 * i);
                v0.StoreUnsafe(ref q);
                v1.StoreUnsafe(ref q, 8);
                v2.StoreUnsafe(ref q, 16);
            }
        }

        for (; i < pixels; i++)
        {
            var (r, g, b) = LabToRgbUnit(Unsafe.Add(ref s, 3 * i), Unsafe.Add(ref s, (3 * i) + 1), Unsafe.Add(ref s, (3 * i) + 2));
            Unsafe.Add(ref d, 3 * i) = r;
            Unsafe.Add(ref d, (3 * i) + 1) = g;
            Unsafe.Add(ref d, (3 * i) + 2) = b;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LabF(Vector256<float> t) =>
        Vector256.ConditionalSelect(
            Vector256.GreaterThan(t, Vector256.Create(LabEpsilon)),
            VectorMath.Cbrt(t),
            (t * LabSlope) + Vector256.Create(LabOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> LabF(Vector128<float> t) =>
        Vector128.ConditionalSelect(
            Vector128.GreaterThan(t, Vector128.Create(LabEpsilon)),
            VectorMath.Cbrt(t),
            (t * LabSlope) + Vector128.Create(LabOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LabFInv(Vector256<float> t) =>
        Vector256.ConditionalSelect(
            Vector256.GreaterThan(t, Vector256.Create(6f / 29f)),
            t * t * t,
            (t - Vector256.Create(LabOffset)) * (1f / LabSlope));
}
