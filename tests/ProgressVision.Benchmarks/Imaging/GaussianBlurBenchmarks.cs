using BenchmarkDotNet.Attributes;
using ProgressVision.Imaging.Filters;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>Gaussian σ = 2 on 12 MP: float plane and RGB bytes; vector vs the horizontal-then-vertical scalar reference.</summary>
[Config(typeof(KernelBenchConfig))]
[MemoryDiagnoser]
public class GaussianBlurBenchmarks
{
    private const float Sigma = 2f;
    private const int W = TwelveMegapixel.Width, H = TwelveMegapixel.Height;
    private float[] _plane = [];
    private float[] _out = [];
    private byte[] _rgb = [];
    private byte[] _rgbOut = [];
    private float[] _kernel = [];

    /// <summary>Allocates inputs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plane = TwelveMegapixel.Plane();
        _out = new float[_plane.Length];
        _rgb = TwelveMegapixel.RgbBytes();
        _rgbOut = new byte[_rgb.Length];
        _kernel = GaussianBlur.Kernel(Sigma);
    }

    /// <summary>Public span API, one thread.</summary>
    [Benchmark(Baseline = true)]
    public void FloatPlane() => GaussianBlur.Blur(_plane, W, H, 1, _out, Sigma);

    /// <summary>Scalar reference (the no-SIMD algorithm baseline).</summary>
    [Benchmark]
    public void FloatPlaneScalarReference() => GaussianBlur.BlurScalar(_plane, W, H, 1, _out, _kernel);

    /// <summary>8-bit RGB, one thread.</summary>
    [Benchmark]
    public void RgbBytes() => GaussianBlur.Blur(_rgb, W, H, 3, _rgbOut, Sigma);
}
