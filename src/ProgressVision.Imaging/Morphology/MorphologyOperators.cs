using System.Runtime.Intrinsics;

namespace ProgressVision.Imaging.Morphology;

/// <summary>
/// The lattice operation behind erosion (min) or dilation (max). Kernels are generic over it so one
/// body serves both; being a struct with static members, each instantiation is specialised by the JIT.
/// </summary>
internal interface IMorphologyOperator
{
    /// <summary>The neutral element: out-of-image pixels take this value, so they never win.</summary>
    static abstract byte Identity { get; }

    static abstract byte Apply(byte a, byte b);

    static abstract Vector256<byte> Apply(Vector256<byte> a, Vector256<byte> b);

    static abstract Vector128<byte> Apply(Vector128<byte> a, Vector128<byte> b);
}

/// <summary>Erosion: minimum over the element; 255 is neutral.</summary>
internal readonly struct ErodeOperator : IMorphologyOperator
{
    public static byte Identity => 255;

    public static byte Apply(byte a, byte b) => a < b ? a : b;

    public static Vector256<byte> Apply(Vector256<byte> a, Vector256<byte> b) => Vector256.Min(a, b);

    public static Vector128<byte> Apply(Vector128<byte> a, Vector128<byte> b) => Vector128.Min(a, b);
}

/// <summary>Dilation: maximum over the element; 0 is neutral.</summary>
internal readonly struct DilateOperator : IMorphologyOperator
{
    public static byte Identity => 0;

    public static byte Apply(byte a, byte b) => a > b ? a : b;

    public static Vector256<byte> Apply(Vector256<byte> a, Vector256<byte> b) => Vector256.Max(a, b);

    public static Vector128<byte> Apply(Vector128<byte> a, Vector128<byte> b) => Vector128.Max(a, b);
}
