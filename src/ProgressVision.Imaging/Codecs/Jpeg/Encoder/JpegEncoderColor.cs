using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Color;

namespace ProgressVision.Imaging.Codecs.Jpeg.Encoder;

/// <summary>
/// The encoder's colour conversion of one row: 8-bit RGB to JFIF YCbCr (T.871 §7, BT.601 weights)
/// as floats ready for the DCT, Y shifted by −128 (T.81 §A.3.1), Cb and Cr already centred on zero.
/// </summary>
internal static class JpegEncoderColor
{
    // Pixels widened to float per block (stack, 3 KB).
    private const int BlockPixels = 256;

    private const float YR = 0.299f, YG = 0.587f, YB = 0.114f;
    private const float CbR = -0.168735892f, CbG = 0.331264108f, CbB = 0.5f;
    private const float CrR = 0.5f, CrG = 0.418687589f, CrB = 0.081312411f;

    /// <summary>Converts <paramref name="y"/>.Length pixels of <paramref name="rgb"/> (3 bytes each).</summary>
    /// <exception cref="ArgumentException">The spans disagree in length.</exception>
    public static void RgbToYCbCr(ReadOnlySpan<byte> rgb, Span<float> y, Span<float> cb, Span<float> cr)
    {
        CheckLengths(rgb, y, cb, cr);
        int n = y.Length, done = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Span<float> block = stackalloc float[3 * BlockPixels];
            while (n - done >= 8)
            {
                // Whole 8-pixel groups of this block go through the vector body; the rest to the scalar tail.
                int m = Math.Min(BlockPixels, (n - done) & ~7);
                ColorConversion.ToFloat(rgb.Slice(3 * done, 3 * m), block[..(3 * m)]);
                VectorBody(block[..(3 * m)], y.Slice(done, m), cb.Slice(done, m), cr.Slice(done, m));
                done += m;
            }
        }

        RgbToYCbCrScalar(rgb[(3 * done)..], y[done..], cb[done..], cr[done..]);
    }

    /// <summary>Reference (and tail): per pixel, the products summed left to right as written.</summary>
    internal static void RgbToYCbCrScalar(ReadOnlySpan<byte> rgb, Span<float> y, Span<float> cb, Span<float> cr)
    {
        CheckLengths(rgb, y, cb, cr);
        for (int x = 0; x < y.Length; x++)
        {
            float red = rgb[3 * x], green = rgb[(3 * x) + 1], blue = rgb[(3 * x) + 2];
            y[x] = (YR * red) + (YG * green) + (YB * blue) - 128f;
            cb[x] = (CbR * red) - (CbG * green) + (CbB * blue);
            cr[x] = (CrR * red) - (CrG * green) - (CrB * blue);
        }
    }

    // Eight pixels per step: deinterleave the widened floats into R, G, B lanes, then the scalar
    // expressions with separate multiplies and adds in the same order (no FMA), so every lane rounds
    // exactly as the scalar reference does.
    private static void VectorBody(ReadOnlySpan<float> rgb, Span<float> y, Span<float> cb, Span<float> cr)
    {
        ref float s = ref MemoryMarshal.GetReference(rgb);
        ref float dy = ref MemoryMarshal.GetReference(y);
        ref float dcb = ref MemoryMarshal.GetReference(cb);
        ref float dcr = ref MemoryMarshal.GetReference(cr);
        var shift = Vector256.Create(128f);
        for (int i = 0; i + 8 <= y.Length; i += 8)
        {
            ref float p = ref Unsafe.Add(ref s, 3 * i);
            Rgb3.Deinterleave(Vector256.LoadUnsafe(ref p), Vector256.LoadUnsafe(ref p, 8), Vector256.LoadUnsafe(ref p, 16), out var r, out var g, out var b);
            ((r * YR) + (g * YG) + (b * YB) - shift).StoreUnsafe(ref dy, (nuint)i);
            ((r * CbR) - (g * CbG) + (b * CbB)).StoreUnsafe(ref dcb, (nuint)i);
            ((r * CrR) - (g * CrG) - (b * CrB)).StoreUnsafe(ref dcr, (nuint)i);
        }
    }

    private static void CheckLengths(ReadOnlySpan<byte> rgb, Span<float> y, Span<float> cb, Span<float> cr)
    {
        if (rgb.Length != 3 * y.Length || cb.Length != y.Length || cr.Length != y.Length)
        {
            throw new ArgumentException($"RGB to YCbCr needs 3 bytes per output pixel and equal planes; got {rgb.Length} bytes for Y {y.Length}, Cb {cb.Length}, Cr {cr.Length}.");
        }
    }
}
