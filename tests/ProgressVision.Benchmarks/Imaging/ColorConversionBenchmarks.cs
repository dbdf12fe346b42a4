using BenchmarkDotNet.Attributes;
using ProgressVision.Imaging.Color;

namespace ProgressVision.Benchmarks.Imaging;

/// <summary>sRGB → CIELAB on 12 MP (float and byte input) and RGB → gray; vector vs scalar reference.</summary>
[Config(typeof(KernelBenchConfig))]
public class ColorConversionBenchmarks
{
    private float[] _rgb = [];
    private byte[] _rgbBytes = [];
    private float[] _lab = [];
    private byte[] _gray = [];

    /// <summary>Allocates inputs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _rgb = TwelveMegapixel.Rgb();
        _rgbBytes = TwelveMegapixel.RgbBytes();
        _lab = new float[_rgb.Length];
        _gray = new byte[_rgb.Length / 3];
    }

    /// <summary>Float sRGB in [0,1] → Lab (the cv2 COLOR_RGB2Lab on CV_32F equivalent).</summary>
    [Benchmark(Baseline = true)]
    public void RgbToLabFloat() => ColorConversion.RgbToLab(_rgb, _lab);

    /// <summary>Scalar reference (MathF.Pow / MathF.Cbrt per pixel).</summary>
    [Benchmark]
    public void RgbToLabFloatScalarReference() => ColorConversion.RgbToLabScalar(_rgb, _lab);

    /// <summary>8-bit sRGB → float Lab (table for the transfer curve).</summary>
    [Benchmark]
    public void RgbToLabBytes() => ColorConversion.RgbToLab(_rgbBytes, _lab);

    /// <summary>8-bit RGB → 8-bit gray (OpenCV-exact).</summary>
    [Benchmark]
    public void RgbToGrayBytes() => ColorConversion.RgbToGray(_rgbBytes, _gray);
}
