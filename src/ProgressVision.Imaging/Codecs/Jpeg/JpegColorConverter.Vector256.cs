using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>AVX2 body of the YCbCr→RGB conversion: 16 pixels per step in 32-bit lanes, same rounding as the scalar reference.</summary>
internal static partial class JpegColorConverter
{
    // pshufb masks that scatter 16 R, G or B bytes into the 48-byte RGB stream; 0x80 yields zero so the three can be OR-ed.
    private static readonly Vector128<byte>[] InterleaveMasks = BuildMasks();

    /// <summary>Converts the longest multiple-of-16 prefix with AVX2 and returns how many pixels were done.</summary>
    internal static int YCbCrToRgbAvx2(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
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
        var m = InterleaveMasks;
        var r0 = m[0];
        var r1 = m[1];
        var r2 = m[2];
        var g0 = m[3];
        var g1 = m[4];
        var g2 = m[5];
        var b0 = m[6];
        var b1 = m[7];
        var b2 = m[8];
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var vy = Vector128.LoadUnsafe(ref py, (nuint)i);
            var vcb = Vector128.LoadUnsafe(ref pcb, (nuint)i);
            var vcr = Vector128.LoadUnsafe(ref pcr, (nuint)i);
            Convert8(vy, vcb, vcr, out var rLo, out var gLo, out var bLo);
            Convert8(Sse2.ShiftRightLogical128BitLane(vy, 8), Sse2.ShiftRightLogical128BitLane(vcb, 8), Sse2.ShiftRightLogical128BitLane(vcr, 8),
                out var rHi, out var gHi, out var bHi);
            var vr = PackBytes(rLo, rHi);
            var vg = PackBytes(gLo, gHi);
            var vb = PackBytes(bLo, bHi);

            ref byte dst = ref Unsafe.Add(ref o, i * 3);
            (Ssse3.Shuffle(vr, r0) | Ssse3.Shuffle(vg, g0) | Ssse3.Shuffle(vb, b0)).StoreUnsafe(ref dst);
            (Ssse3.Shuffle(vr, r1) | Ssse3.Shuffle(vg, g1) | Ssse3.Shuffle(vb, b1)).StoreUnsafe(ref dst, 16);
            (Ssse3.Shuffle(vr, r2) | Ssse3.Shuffle(vg, g2) | Ssse3.Shuffle(vb, b2)).StoreUnsafe(ref dst, 32);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Convert8(Vector128<byte> y, Vector128<byte> cb, Vector128<byte> cr,
        out Vector256<int> r, out Vector256<int> g, out Vector256<int> b)
    {
        var vy = Avx2.ConvertToVector256Int32(y);
        var vcb = Avx2.ConvertToVector256Int32(cb) - Vector256.Create(128);
        var vcr = Avx2.ConvertToVector256Int32(cr) - Vector256.Create(128);
        var half = Vector256.Create(Half);
        r = vy + Vector256.ShiftRightArithmetic((vcr * Vector256.Create(FixR)) + half, 16);
        g = vy + Vector256.ShiftRightArithmetic((vcb * Vector256.Create(-FixGCb)) + half - (vcr * Vector256.Create(FixGCr)), 16);
        b = vy + Vector256.ShiftRightArithmetic((vcb * Vector256.Create(FixB)) + half, 16);
    }

    // 16 int32 → 16 saturated bytes in order (the 256-bit pack interleaves lanes, fixed by a 64-bit permute).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> PackBytes(Vector256<int> lo, Vector256<int> hi)
    {
        var s = Avx2.Permute4x64(Avx2.PackSignedSaturate(lo, hi).AsInt64(), 0xD8).AsInt16();
        return Sse2.PackUnsignedSaturate(s.GetLower(), s.GetUpper());
    }

    private static Vector128<byte>[] BuildMasks()
    {
        var masks = new Vector128<byte>[9];
        Span<byte> tmp = stackalloc byte[16];
        for (int channel = 0; channel < 3; channel++)
        {
            for (int chunk = 0; chunk < 3; chunk++)
            {
                for (int k = 0; k < 16; k++)
                {
                    int t = (chunk * 16) + k;
                    tmp[k] = t % 3 == channel ? (byte)(t / 3) : (byte)0x80;
                }

                masks[(channel * 3) + chunk] = Vector128.Create((ReadOnlySpan<byte>)tmp);
            }
        }

        return masks;
    }
}
