using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ProgressVision.Imaging.Color;

/// <summary>
/// Converts between interleaved 3-channel floats (r0 g0 b0 r1 …) and three planar vectors.
/// </summary>
/// <remarks>
/// With 8 lanes, the 24 floats of 8 pixels sit in three vectors; channel c of pixel p is element 3p+c, at
/// lane (3p+c) mod 8 of vector (3p+c) / 8. Because 3 is invertible mod 8, the eight elements of one channel
/// occupy eight different lanes — so a channel is gathered with two blends (take each lane from the vector
/// that holds that channel there) followed by one cross-lane permute (lane p ← lane (3p+c) mod 8).
/// That is 9 operations for 8 pixels instead of 15 with shuffle-then-blend. The same holds for 4 lanes
/// (3 is invertible mod 4). Interleaving runs the steps backwards: permute each channel to its target
/// lanes, then blend. The blend masks depend only on lane mod 3.
/// </remarks>
internal static class Rgb3
{
    // Lane l belongs to mask Phase_k when l mod 3 == k.
    private static Vector256<float> Phase0_256 => Vector256.Create(-1, 0, 0, -1, 0, 0, -1, 0).AsSingle();

    private static Vector256<float> Phase1_256 => Vector256.Create(0, -1, 0, 0, -1, 0, 0, -1).AsSingle();

    private static Vector128<float> Phase0_128 => Vector128.Create(-1, 0, 0, -1).AsSingle();

    private static Vector128<float> Phase1_128 => Vector128.Create(0, -1, 0, 0).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pick(Vector256<float> phase0, Vector256<float> phase1, Vector256<float> phase2) =>
        Vector256.ConditionalSelect(Phase0_256, phase0, Vector256.ConditionalSelect(Phase1_256, phase1, phase2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Pick(Vector128<float> phase0, Vector128<float> phase1, Vector128<float> phase2) =>
        Vector128.ConditionalSelect(Phase0_128, phase0, Vector128.ConditionalSelect(Phase1_128, phase1, phase2));

    /// <summary>v0,v1,v2 = 8 interleaved pixels → r, g, b (lane p = pixel p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, out Vector256<float> r, out Vector256<float> g, out Vector256<float> b)
    {
        // Source vector per lane (by lane mod 3): R takes v0,v1,v2; G takes v2,v0,v1; B takes v1,v2,v0.
        r = Vector256.Shuffle(Pick(v0, v1, v2), Vector256.Create(0, 3, 6, 1, 4, 7, 2, 5));
        g = Vector256.Shuffle(Pick(v2, v0, v1), Vector256.Create(1, 4, 7, 2, 5, 0, 3, 6));
        b = Vector256.Shuffle(Pick(v1, v2, v0), Vector256.Create(2, 5, 0, 3, 6, 1, 4, 7));
    }

    /// <summary>r, g, b (lane p = pixel p) → three vectors of 8 interleaved pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector256<float> r, Vector256<float> g, Vector256<float> b, out Vector256<float> v0, out Vector256<float> v1, out Vector256<float> v2)
    {
        // Move pixel p of channel c to lane (3p+c) mod 8 (the inverse permutations), then pick per lane.
        var rp = Vector256.Shuffle(r, Vector256.Create(0, 3, 6, 1, 4, 7, 2, 5));
        var gp = Vector256.Shuffle(g, Vector256.Create(5, 0, 3, 6, 1, 4, 7, 2));
        var bp = Vector256.Shuffle(b, Vector256.Create(2, 5, 0, 3, 6, 1, 4, 7));
        v0 = Pick(rp, gp, bp);
        v1 = Pick(bp, rp, gp);
        v2 = Pick(gp, bp, rp);
    }

    /// <summary>v0,v1,v2 = 4 interleaved pixels → r, g, b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector128<float> v0, Vector128<float> v1, Vector128<float> v2, out Vector128<float> r, out Vector128<float> g, out Vector128<float> b)
    {
        // With 4 lanes the lane→source pattern is R: v0,v2,v1; G: v1,v0,v2; B: v2,v1,v0 (by lane mod 3).
        r = Vector128.Shuffle(Pick(v0, v2, v1), Vector128.Create(0, 3, 2, 1));
        g = Vector128.Shuffle(Pick(v1, v0, v2), Vector128.Create(1, 0, 3, 2));
        b = Vector128.Shuffle(Pick(v2, v1, v0), Vector128.Create(2, 1, 0, 3));
    }

    /// <summary>r, g, b → three vectors of 4 interleaved pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector128<float> r, Vector128<float> g, Vector128<float> b, out Vector128<float> v0, out Vector128<float> v1, out Vector128<float> v2)
    {
        var rp = Vector128.Shuffle(r, Vector128.Create(0, 3, 2, 1));
        var gp = Vector128.Shuffle(g, Vector128.Create(1, 0, 3, 2));
        var bp = Vector128.Shuffle(b, Vector128.Create(2, 1, 0, 3));
        v0 = Pick(rp, gp, bp);
        v1 = Pick(gp, bp, rp);
        v2 = Pick(bp, rp, gp);
    }
}
