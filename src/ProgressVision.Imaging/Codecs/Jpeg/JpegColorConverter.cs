using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// JFIF YCbCr → RGB (JFIF 1.02 §7; ITU-R BT.601 full range) in 16-bit fixed point exactly as
/// libjpeg's jdcolor.c: R = Y + 1.402·Cr', G = Y − 0.34414·Cb' − 0.71414·Cr', B = Y + 1.772·Cb'
/// with Cb' = Cb − 128, Cr' = Cr − 128, each product rounded by adding 2^15 before the 16-bit shift.
/// </summary>
internal static partial class JpegColorConverter
{
    // FIX(x) = round(x * 2^16).
    internal const int FixR = 91881;   // 1.40200
    internal const int FixB = 116130;  // 1.77200
    internal const int FixGCr = 46802; // 0.71414
    internal const int FixGCb = 22554; // 0.34414
    internal const int Half = 1 << 15;

    /// <summary>Converts one row; <paramref name="rgb"/> receives 3 bytes per pixel.</summary>
    public static void YCbCrToRgb(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        int done = System.Runtime.Intrinsics.X86.Avx2.IsSupported ? YCbCrToRgbAvx2(y, cb, cr, rgb) : 0;
        YCbCrToRgbScalar(y, cb, cr, rgb, done);
    }

    /// <summary>Scalar reference from pixel <paramref name="start"/> on.</summary>
    internal static void YCbCrToRgbScalar(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb, int start)
    {
        int n = y.Length;
        if (cb.Length < n || cr.Length < n || rgb.Length < n * 3)
        {
            throw new ArgumentException("Row lengths do not match.");
        }

        ref byte py = ref MemoryMarshal.GetReference(y);
        ref byte pcb = ref MemoryMarshal.GetReference(cb);
        ref byte pcr = ref MemoryMarshal.GetReference(cr);
        ref byte o = ref MemoryMarshal.GetReference(rgb);
        for (int i = start; i < n; i++)
        {
            int yy = Unsafe.Add(ref py, i);
            int b = Unsafe.Add(ref pcb, i) - 128;
            int r = Unsafe.Add(ref pcr, i) - 128;
            ref byte p = ref Unsafe.Add(ref o, i * 3);
            p = Clamp(yy + (((FixR * r) + Half) >> 16));
            Unsafe.Add(ref p, 1) = Clamp(yy + (((-FixGCb * b) + Half - (FixGCr * r)) >> 16));
            Unsafe.Add(ref p, 2) = Clamp(yy + (((FixB * b) + Half) >> 16));
        }
    }

    /// <summary>Interleaves three planes already holding R, G, B.</summary>
    public static void InterleaveRgb(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<byte> rgb)
    {
        for (int i = 0; i < r.Length; i++)
        {
            rgb[i * 3] = r[i];
            rgb[(i * 3) + 1] = g[i];
            rgb[(i * 3) + 2] = b[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clamp(int v) => (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
}
