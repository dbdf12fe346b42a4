using ProgressVision.Imaging.Color;
using ProgressVision.Imaging.Tests.Kernels;
using ProgressVision.Imaging.Tests.Oracles;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.OpenCv;

/// <summary>Runs OpenCV once for <see cref="ColorOpenCvTests"/>.</summary>
public sealed class ColorOracleFixture : IDisposable
{
    public const int N = 20000;

    public ColorOracleFixture()
    {
        // Random colours plus the corners of the cube and values straddling the sRGB and Lab thresholds.
        RgbF = TestImages.RandomFloats(3 * N, 41);
        float[] specials = [0f, 1f, 0.04045f, 0.0404f, 0.0405f, 0.001f, 0.02f, 0.5f, 0.99f];
        for (int i = 0; i < specials.Length * specials.Length * specials.Length; i++)
        {
            RgbF[3 * i] = specials[i % specials.Length];
            RgbF[(3 * i) + 1] = specials[i / specials.Length % specials.Length];
            RgbF[(3 * i) + 2] = specials[i / (specials.Length * specials.Length)];
        }

        RgbB = TestImages.RandomBytes(3 * N, 42);
        Oracle.Put("rgbf", RgbF, 1, N, 3);
        Oracle.Put("rgbb", RgbB, 1, N, 3);
        Oracle.Run("""
            f = load('rgbf'); b = load('rgbb')
            save('lab', cv2.cvtColor(f, cv2.COLOR_RGB2Lab))
            # Linear-light input goes through OpenCV's direct formula (no 3-D interpolation table).
            lin = np.where(f <= 0.04045, f / 12.92, ((f + 0.055) / 1.055) ** 2.4).astype(np.float32)
            save('lin', lin)
            save('lab_lin', cv2.cvtColor(lin, cv2.COLOR_LRGB2Lab))
            # Independent exact truth: IEC 61966-2-1 + CIE 1976 in float64 numpy.
            c = f.astype(np.float64)[0]
            L = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
            M = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]])
            X = L @ M[0] / 0.95047; Y = L @ M[1]; Z = L @ M[2] / 1.08883
            F = lambda t: np.where(t > 216 / 24389, np.cbrt(t), t * 841 / 108 + 4 / 29)
            save('lab_exact', np.stack([116 * F(Y) - 16, 500 * (F(X) - F(Y)), 200 * (F(Y) - F(Z))], 1).astype(np.float64))
            save('gray_b', cv2.cvtColor(b, cv2.COLOR_RGB2GRAY))
            save('gray_f', cv2.cvtColor(f, cv2.COLOR_RGB2GRAY))
            lab = cv2.cvtColor(f, cv2.COLOR_RGB2Lab)
            save('back', cv2.cvtColor(lab, cv2.COLOR_Lab2RGB))
            """);
    }

    public OpenCvOracle Oracle { get; } = new();

    public float[] RgbF { get; }

    public byte[] RgbB { get; }

    public void Dispose() => Oracle.Dispose();
}

/// <summary>Gray and CIELAB conversions against Debian's OpenCV cvtColor.</summary>
public class ColorOpenCvTests(ColorOracleFixture fx, ITestOutputHelper output) : IClassFixture<ColorOracleFixture>
{
    // Against the exact float64 formula: float32 rounding and the vector Exp/Log/cube root only.
    private const double ExactTolerance = 1e-3;

    // Against cv2 on linear RGB (COLOR_LRGB2Lab, OpenCV's direct formula, no 3-D table): OpenCV uses the
    // older sRGB matrix (0.412453 …, white 0.950456/1.088754) where we use IEC 61966-2-1's, and a
    // 1024-knot spline for the cube root whose own error we measured at ≤ 0.016 (in b, dark colours).
    // Together ≤ 0.05 per L/a/b channel.
    private const float LinearLabTolerance = 0.05f;

    // Against cv2 COLOR_RGB2Lab on sRGB floats: OpenCV 4 evaluates this through a trilinear 3-D lookup
    // table (enableRGB2LabInterpolation), whose own error against the exact formula we measured at
    // ΔE mean 0.15 / max 0.60 over 200 000 random colours. So the comparison bounds ΔE by cv2's error.
    private const double Cv2SrgbLabMaxDeltaE = 0.7, Cv2SrgbLabMeanDeltaE = 0.2;

    // Lab → sRGB on [0,1] after OpenCV's own spline gamma: ≈ 1e-3 of full scale (≈ 0.25 of an 8-bit step).
    private const float LabToRgbTolerance = 1e-3f;

    [Fact]
    public void FloatRgbToLabMatchesExactFormula()
    {
        var ours = new float[3 * ColorOracleFixture.N];
        ColorConversion.RgbToLab(fx.RgbF, ours);
        var exact = fx.Oracle.Get<double>("lab_exact");
        double worst = 0;
        for (int i = 0; i < ours.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(ours[i] - exact[i]));
        }

        output.WriteLine($"Lab max |ours − exact float64| = {worst:g3}");
        Assert.True(worst <= ExactTolerance, $"{worst}");
    }

    [Fact]
    public void LinearRgbToLabMatchesCv2DirectFormula()
    {
        var lin = fx.Oracle.Get<float>("lin");
        var ours = new float[lin.Length];
        ColorConversion.LinearRgbToLab(lin, ours);
        float d = TestImages.MaxAbsDiff(ours, fx.Oracle.Get<float>("lab_lin"));
        output.WriteLine($"LRGB→Lab max |ours − cv2| = {d:g3}");
        Assert.True(d <= LinearLabTolerance, $"{d}");
    }

    [Fact]
    public void SrgbToLabWithinCv2InterpolationError()
    {
        var ours = new float[3 * ColorOracleFixture.N];
        ColorConversion.RgbToLab(fx.RgbF, ours);
        var cv = fx.Oracle.Get<float>("lab");
        double max = 0, sum = 0;
        for (int p = 0; p < ColorOracleFixture.N; p++)
        {
            double dl = ours[3 * p] - cv[3 * p], da = ours[(3 * p) + 1] - cv[(3 * p) + 1], db = ours[(3 * p) + 2] - cv[(3 * p) + 2];
            double de = Math.Sqrt((dl * dl) + (da * da) + (db * db));
            max = Math.Max(max, de);
            sum += de;
        }

        output.WriteLine($"sRGB→Lab ΔE76 vs cv2: max {max:g3}, mean {sum / ColorOracleFixture.N:g3}");
        Assert.True(max <= Cv2SrgbLabMaxDeltaE, $"max ΔE {max}");
        Assert.True(sum / ColorOracleFixture.N <= Cv2SrgbLabMeanDeltaE, $"mean ΔE {sum / ColorOracleFixture.N}");
    }

    [Fact]
    public void ByteGrayEqualsCv2Exactly()
    {
        var ours = new byte[ColorOracleFixture.N];
        ColorConversion.RgbToGray(fx.RgbB, ours);
        Assert.Equal(fx.Oracle.Get<byte>("gray_b"), ours);
    }

    [Fact]
    public void FloatGrayMatchesCv2()
    {
        var ours = new float[ColorOracleFixture.N];
        ColorConversion.RgbToGray(fx.RgbF, ours);
        float d = TestImages.MaxAbsDiff(ours, fx.Oracle.Get<float>("gray_f"));
        output.WriteLine($"float gray: {d:g3}");
        Assert.True(d <= 1e-6f, $"{d}");
    }

    [Fact]
    public void LabToRgbMatchesCv2()
    {
        var cvLab = fx.Oracle.Get<float>("lab");
        var ours = new float[cvLab.Length];
        ColorConversion.LabToRgb(cvLab, ours);
        float d = TestImages.MaxAbsDiff(ours, fx.Oracle.Get<float>("back"));
        output.WriteLine($"Lab→RGB: {d:g3}");
        Assert.True(d <= LabToRgbTolerance, $"{d}");
    }
}
