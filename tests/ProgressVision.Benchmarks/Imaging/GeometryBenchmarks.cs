using BenchmarkDotNet.Attributes;
using ProgressVision.Imaging.Geometry;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>Bilinear resize and perspective warp of a 12 MP float plane; vector vs scalar reference.</summary>
[Config(typeof(KernelBenchConfig))]
public class GeometryBenchmarks
{
    private const int W = TwelveMegapixel.Width, H = TwelveMegapixel.Height;

    // A registration-like homography: slight rotation, scale and keystone.
    private static readonly Homography Keystone = new(0.98, 0.03, 12.5, -0.02, 1.01, -8.25, 2e-6, -3e-6, 1);

    private float[] _plane = [];
    private float[] _small = [];
    private float[] _warped = [];
    private byte[] _mask = [];

    /// <summary>Allocates inputs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plane = TwelveMegapixel.Plane();
        _small = new float[(W / 3) * (H / 3)];
        _warped = new float[W * H];
        _mask = new byte[W * H];
    }

    /// <summary>12 MP → 1344×1008 (the analysis working size).</summary>
    [Benchmark(Baseline = true)]
    public void ResizeToThird() => Resize.Bilinear(_plane, W, H, 1, _small, W / 3, H / 3);

    /// <summary>Scalar reference resize.</summary>
    [Benchmark]
    public void ResizeToThirdScalarReference() => Resize.BilinearScalar(_plane, W, H, 1, _small, W / 3, H / 3);

    /// <summary>12 MP perspective warp with validity mask.</summary>
    [Benchmark]
    public void Warp() => PerspectiveWarp.Warp(_plane, W, H, _warped, W, H, Keystone, 0f, _mask);

    /// <summary>Scalar reference warp.</summary>
    [Benchmark]
    public void WarpScalarReference() => PerspectiveWarp.WarpScalar(_plane, W, H, _warped, W, H, Keystone, 0f, _mask);
}
