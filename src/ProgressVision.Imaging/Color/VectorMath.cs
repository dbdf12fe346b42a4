using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ProgressVision.Imaging.Color;

/// <summary>Transcendental helpers on float vectors used by the colour kernels.</summary>
internal static class VectorMath
{
    // fdlibm s_cbrtf.c: B1 = (127 − 127/3 − 0.03306235651)·2^23. Adding it to bits/3 gives a first cube-root
    // estimate within ~3.5% (exponent divided by 3, mantissa roughly so).
    private const int CbrtBias = 709958130;

    /// <summary>
    /// Cube root for positive normal floats: bit-trick estimate, then two Halley steps
    /// y ← y·(y³ + 2x)/(2y³ + x) (cubic convergence: 3.5% → 4e-5 → below float precision).
    /// Non-positive input gives garbage; callers select it away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Cbrt(Vector256<float> x)
    {
        // bits/3 via float: the integer division has no vector instruction, and the estimate only needs ~1e-7 relative.
        var third = Vector256.ConvertToInt32(Vector256.ConvertToSingle(x.AsInt32()) * (1f / 3f));
        var y = (third + Vector256.Create(CbrtBias)).AsSingle();
        y = HalleyCbrt(y, x);
        return HalleyCbrt(y, x);
    }

    /// <inheritdoc cref="Cbrt(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Cbrt(Vector128<float> x)
    {
        var third = Vector128.ConvertToInt32(Vector128.ConvertToSingle(x.AsInt32()) * (1f / 3f));
        var y = (third + Vector128.Create(CbrtBias)).AsSingle();
        y = HalleyCbrt(y, x);
        return HalleyCbrt(y, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> HalleyCbrt(Vector256<float> y, Vector256<float> x)
    {
        var y3 = y * y * y;
        return y * (y3 + x + x) / (y3 + y3 + x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> HalleyCbrt(Vector128<float> y, Vector128<float> x)
    {
        var y3 = y * y * y;
        return y * (y3 + x + x) / (y3 + y3 + x);
    }

    /// <summary>
    /// IEC 61966-2-1 decoding on [0,1]-clamped input: c/12.92 below 0.04045, else ((c+0.055)/1.055)^2.4 as
    /// exp(2.4·log(·)) with the runtime's vectorised Exp/Log (≤ 1-2 ulp).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> DecodeSrgb(Vector256<float> c)
    {
        c = Vector256.MinNative(Vector256.MaxNative(c, Vector256<float>.Zero), Vector256<float>.One);
        var lin = c * (1f / 12.92f);
        var pow = Vector256.Exp(Vector256.Log((c + Vector256.Create(0.055f)) * (1f / 1.055f)) * 2.4f);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(c, Vector256.Create(0.04045f)), lin, pow);
    }

    /// <inheritdoc cref="DecodeSrgb(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> DecodeSrgb(Vector128<float> c)
    {
        c = Vector128.MinNative(Vector128.MaxNative(c, Vector128<float>.Zero), Vector128<float>.One);
        var lin = c * (1f / 12.92f);
        var pow = Vector128.Exp(Vector128.Log((c + Vector128.Create(0.055f)) * (1f / 1.055f)) * 2.4f);
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(c, Vector128.Create(0.04045f)), lin, pow);
    }

    /// <summary>IEC 61966-2-1 encoding on [0,1]-clamped linear light: 12.92c below 0.0031308, else 1.055·c^(1/2.4) − 0.055.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> EncodeSrgb(Vector256<float> c)
    {
        c = Vector256.MinNative(Vector256.MaxNative(c, Vector256<float>.Zero), Vector256<float>.One);
        var lin = c * 12.92f;

        // log(0) = −∞ → exp(−∞) = 0: harmless, and that lane takes the linear branch anyway.
        var pow = (Vector256.Exp(Vector256.Log(c) * (1f / 2.4f)) * 1.055f) - Vector256.Create(0.055f);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(c, Vector256.Create(0.0031308f)), lin, pow);
    }

    /// <inheritdoc cref="EncodeSrgb(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> EncodeSrgb(Vector128<float> c)
    {
        c = Vector128.MinNative(Vector128.MaxNative(c, Vector128<float>.Zero), Vector128<float>.One);
        var lin = c * 12.92f;
        var pow = (Vector128.Exp(Vector128.Log(c) * (1f / 2.4f)) * 1.055f) - Vector128.Create(0.055f);
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(c, Vector128.Create(0.0031308f)), lin, pow);
    }
}
