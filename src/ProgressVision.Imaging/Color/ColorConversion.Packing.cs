using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Color;

public static partial class ColorConversion
{
    /// <summary>Widens bytes to floats (same numeric value, 0..255).</summary>
    public static void ToFloat(ReadOnlySpan<byte> src, Span<float> dst)
    {
        KernelGuard.SameLength(src.Length, dst.Length, nameof(src), nameof(dst));
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // 8 bytes → 8 ushorts → 8 uints → 8 floats: one Vector256<float> per step.
            for (; i <= n - 8; i += 8)
            {
                var b = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i))).AsByte();
                var u32 = Vector256.WidenLower(Vector128.WidenLower(b).ToVector256Unsafe());
                Vector256.ConvertToSingle(u32.AsInt32()).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - 4; i += 4)
            {
                var b = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, i))).AsByte();
                var u32 = Vector128.WidenLower(Vector128.WidenLower(b));
                Vector128.ConvertToSingle(u32.AsInt32()).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
        }
    }

    /// <summary>Rounds floats to the nearest byte (halves up), clamping to 0..255; NaN becomes 0.</summary>
    public static void ToByteRounded(ReadOnlySpan<float> src, Span<byte> dst)
    {
        KernelGuard.SameLength(src.Length, dst.Length, nameof(src), nameof(dst));
        ref float s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var half = Vector256.Create(0.5f);
            var max = Vector256.Create(255f);
            for (; i <= n - 16; i += 16)
            {
                // Clamp with the native min/max (no NaN fix-ups; a NaN that survives converts to 0 because .NET
                // float→int conversion saturates), then v + 0.5 truncated = round-half-up for v ≥ 0.
                var a = Vector256.MinNative(Vector256.MaxNative(Vector256.LoadUnsafe(ref s, (nuint)i), Vector256<float>.Zero), max) + half;
                var b = Vector256.MinNative(Vector256.MaxNative(Vector256.LoadUnsafe(ref s, (nuint)(i + 8)), Vector256<float>.Zero), max) + half;
                var ia = Vector256.ConvertToInt32(a);
                var ib = Vector256.ConvertToInt32(b);

                // int32 → int16 → uint8 narrowing; values are already in range so no saturation is needed.
                var s16 = Vector256.Narrow(ia, ib);
                var u8 = Vector256.Narrow(s16.AsUInt16(), s16.AsUInt16());
                u8.GetLower().StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = ToByteRoundedScalar(Unsafe.Add(ref s, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte ToByteRoundedScalar(float v)
    {
        // Same order as the vector body: clamp (NaN → 0), add a half, truncate.
        v = v > 0f ? v : 0f;
        v = v < 255f ? v : 255f;
        return (byte)(int)(v + 0.5f);
    }
}
