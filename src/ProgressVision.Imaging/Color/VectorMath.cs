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
    /// 2^(2.4·log2(·)) with the float-only <see cref="Log2(Vector256{float})"/> / <see cref="Exp2(Vector256{float})"/>
    /// below (relative error ≈ 2e-7, i.e. ~2 ulp; the runtime's Vector256.Exp/Log widen to double and were
    /// ~3× slower here).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> DecodeSrgb(Vector256<float> c)
    {
        c = Vector256.MinNative(Vector256.MaxNative(c, Vector256<float>.Zero), Vector256<float>.One);
        var lin = c * (1f / 12.92f);
        var pow = Exp2(Log2((c + Vector256.Create(0.055f)) * (1f / 1.055f)) * 2.4f);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(c, Vector256.Create(0.04045f)), lin, pow);
    }

    /// <inheritdoc cref="DecodeSrgb(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> DecodeSrgb(Vector128<float> c)
    {
        c = Vector128.MinNative(Vector128.MaxNative(c, Vector128<float>.Zero), Vector128<float>.One);
        var lin = c * (1f / 12.92f);
        var pow = Exp2(Log2((c + Vector128.Create(0.055f)) * (1f / 1.055f)) * 2.4f);
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(c, Vector128.Create(0.04045f)), lin, pow);
    }

    /// <summary>IEC 61966-2-1 encoding on [0,1]-clamped linear light: 12.92c below 0.0031308, else 1.055·c^(1/2.4) − 0.055.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> EncodeSrgb(Vector256<float> c)
    {
        c = Vector256.MinNative(Vector256.MaxNative(c, Vector256<float>.Zero), Vector256<float>.One);
        var lin = c * 12.92f;

        // Lanes at or below the threshold (including 0, where log2 is meaningless) take the linear branch.
        var pow = (Exp2(Log2(c) * (1f / 2.4f)) * 1.055f) - Vector256.Create(0.055f);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(c, Vector256.Create(0.0031308f)), lin, pow);
    }

    /// <inheritdoc cref="EncodeSrgb(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> EncodeSrgb(Vector128<float> c)
    {
        c = Vector128.MinNative(Vector128.MaxNative(c, Vector128<float>.Zero), Vector128<float>.One);
        var lin = c * 12.92f;
        var pow = (Exp2(Log2(c) * (1f / 2.4f)) * 1.055f) - Vector128.Create(0.055f);
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(c, Vector128.Create(0.0031308f)), lin, pow);
    }

    // 1/ln 2 and ln 2, and 1/(2k+1) for the atanh series below.
    private const float Log2E = 1.44269504088896341f, Ln2 = 0.693147180559945309f;

    /// <summary>
    /// log2 of positive normal floats. x = m·2^e with m folded into [√½, √2); then
    /// ln m = 2·atanh(t) = 2(t + t³/3 + t⁵/5 + t⁷/7 + t⁹/9), t = (m−1)/(m+1), |t| ≤ 0.1716 so the first
    /// omitted term t¹¹/11 is below 3e-10 — float rounding dominates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log2(Vector256<float> x)
    {
        var bits = x.AsInt32();

        // Exponent field and mantissa with the exponent of 1.0 (0x3F800000): m ∈ [1, 2).
        var e = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127);
        var m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();

        // Fold m > √2 to m/2 (exact) and bump the exponent, centring the series on 1.
        var big = Vector256.GreaterThan(m, Vector256.Create(1.41421356f));
        m = Vector256.ConditionalSelect(big, m * 0.5f, m);
        var ef = Vector256.ConvertToSingle(e - big.AsInt32());
        var t = (m - Vector256<float>.One) / (m + Vector256<float>.One);
        var t2 = t * t;
        var p = Vector256.MultiplyAddEstimate(t2, Vector256.Create(1f / 9f), Vector256.Create(1f / 7f));
        p = Vector256.MultiplyAddEstimate(t2, p, Vector256.Create(1f / 5f));
        p = Vector256.MultiplyAddEstimate(t2, p, Vector256.Create(1f / 3f));
        p = Vector256.MultiplyAddEstimate(t2, p, Vector256<float>.One);
        return Vector256.MultiplyAddEstimate(t * p, Vector256.Create(2f * Log2E), ef);
    }

    /// <inheritdoc cref="Log2(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log2(Vector128<float> x)
    {
        var bits = x.AsInt32();
        var e = Vector128.ShiftRightArithmetic(bits, 23) - Vector128.Create(127);
        var m = ((bits & Vector128.Create(0x007FFFFF)) | Vector128.Create(0x3F800000)).AsSingle();
        var big = Vector128.GreaterThan(m, Vector128.Create(1.41421356f));
        m = Vector128.ConditionalSelect(big, m * 0.5f, m);
        var ef = Vector128.ConvertToSingle(e - big.AsInt32());
        var t = (m - Vector128<float>.One) / (m + Vector128<float>.One);
        var t2 = t * t;
        var p = Vector128.MultiplyAddEstimate(t2, Vector128.Create(1f / 9f), Vector128.Create(1f / 7f));
        p = Vector128.MultiplyAddEstimate(t2, p, Vector128.Create(1f / 5f));
        p = Vector128.MultiplyAddEstimate(t2, p, Vector128.Create(1f / 3f));
        p = Vector128.MultiplyAddEstimate(t2, p, Vector128<float>.One);
        return Vector128.MultiplyAddEstimate(t * p, Vector128.Create(2f * Log2E), ef);
    }

    /// <summary>
    /// 2^y for y ∈ [−126, 127]: y = n + f with n = round(y), |f| ≤ ½; 2^f = e^z, z = f·ln2, |z| ≤ 0.347, by
    /// its Taylor series to z⁷ (first omitted term z⁸/8! ≈ 5e-9); 2^n is built directly in the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp2(Vector256<float> y)
    {
        y = Vector256.Max(y, Vector256.Create(-126f));
        var n = Vector256.Round(y);
        var z = (y - n) * Ln2;
        var p = Vector256.MultiplyAddEstimate(z, Vector256.Create(1f / 5040f), Vector256.Create(1f / 720f));
        p = Vector256.MultiplyAddEstimate(z, p, Vector256.Create(1f / 120f));
        p = Vector256.MultiplyAddEstimate(z, p, Vector256.Create(1f / 24f));
        p = Vector256.MultiplyAddEstimate(z, p, Vector256.Create(1f / 6f));
        p = Vector256.MultiplyAddEstimate(z, p, Vector256.Create(0.5f));
        p = Vector256.MultiplyAddEstimate(z, p, Vector256<float>.One);
        p = Vector256.MultiplyAddEstimate(z, p, Vector256<float>.One);
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }

    /// <inheritdoc cref="Exp2(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp2(Vector128<float> y)
    {
        y = Vector128.Max(y, Vector128.Create(-126f));
        var n = Vector128.Round(y);
        var z = (y - n) * Ln2;
        var p = Vector128.MultiplyAddEstimate(z, Vector128.Create(1f / 5040f), Vector128.Create(1f / 720f));
        p = Vector128.MultiplyAddEstimate(z, p, Vector128.Create(1f / 120f));
        p = Vector128.MultiplyAddEstimate(z, p, Vector128.Create(1f / 24f));
        p = Vector128.MultiplyAddEstimate(z, p, Vector128.Create(1f / 6f));
        p = Vector128.MultiplyAddEstimate(z, p, Vector128.Create(0.5f));
        p = Vector128.MultiplyAddEstimate(z, p, Vector128<float>.One);
        p = Vector128.MultiplyAddEstimate(z, p, Vector128<float>.One);
        var scale = Vector128.ShiftLeft(Vector128.ConvertToInt32(n) + Vector128.Create(127), 23).AsSingle();
        return p * scale;
    }
}
