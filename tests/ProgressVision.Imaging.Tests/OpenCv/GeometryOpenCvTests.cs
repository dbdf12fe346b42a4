using ProgressVision.Imaging.Geometry;
using ProgressVision.Imaging.Tests.Kernels;
using ProgressVision.Imaging.Tests.Oracles;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.OpenCv;

/// <summary>Runs OpenCV once for <see cref="GeometryOpenCvTests"/>.</summary>
public sealed class GeometryOracleFixture : IDisposable
{
    public const int W = 173, H = 121;

    // dst → src: mild perspective + rotation + shift, the kind registration produces.
    public static readonly Homography Warp = new(0.97, 0.06, 4.2, -0.05, 1.02, -3.1, 0.0004, -0.0003, 1);

    public FilterData Data { get; }

    public GeometryOracleFixture()
    {
        var plane = TestImages.Smooth(W, H, 21);
        var rgb3 = TestImages.Smooth(W, H, 22, 3);
        var rgbBytes = rgb3.Select(v => (byte)Math.Clamp((int)MathF.Round(v * 255f), 0, 255)).ToArray();
        var noise = TestImages.RandomFloats(W * H * 3, 23);
        Data = new FilterData(plane, rgbBytes, noise);
        Oracle.Put("plane", plane, H, W);
        Oracle.Put("noise3", noise, H, W, 3);
        Oracle.Put("rgb", rgbBytes, H, W, 3);
        Oracle.Put("m", Warp.ToArray(), 3, 3);
        Oracle.Run("""
            p = load('plane'); n3 = load('noise3'); rgb = load('rgb'); M = load('m')
            L = cv2.INTER_LINEAR
            save('down', cv2.resize(n3, (101, 67), interpolation=L))
            save('up', cv2.resize(n3, (300, 211), interpolation=L))
            save('half', cv2.resize(np.ascontiguousarray(n3[:120, :172]), (86, 60), interpolation=L))
            save('up_b', cv2.resize(rgb, (300, 211), interpolation=L))
            save('down_b', cv2.resize(rgb, (101, 67), interpolation=L))
            F = L | cv2.WARP_INVERSE_MAP
            save('warp', cv2.warpPerspective(p, M, (150, 110), flags=F, borderMode=cv2.BORDER_CONSTANT, borderValue=0))
            save('warp_rgb', cv2.warpPerspective(rgb, M, (150, 110), flags=F, borderMode=cv2.BORDER_CONSTANT, borderValue=0))
            """);
    }

    public OpenCvOracle Oracle { get; } = new();

    public void Dispose() => Oracle.Dispose();

    public sealed record FilterData(float[] Plane, byte[] Rgb, float[] Noise3);
}

/// <summary>Resize (INTER_LINEAR) and warpPerspective (WARP_INVERSE_MAP) against Debian's OpenCV.</summary>
public class GeometryOpenCvTests(GeometryOracleFixture fx, ITestOutputHelper output) : IClassFixture<GeometryOracleFixture>
{
    private const int W = GeometryOracleFixture.W, H = GeometryOracleFixture.H;

    // Same coefficients computed the same way (double then float); products may round differently.
    private const float ResizeTolerance = 2e-6f;

    [Theory]
    [InlineData("down", 101, 67)]
    [InlineData("up", 300, 211)]
    public void FloatResizeMatchesCv2(string name, int dw, int dh)
    {
        var ours = new float[dw * dh * 3];
        Resize.Bilinear(fx.Data.Noise3, W, H, 3, ours, dw, dh);
        float d = TestImages.MaxAbsDiff(ours, fx.Oracle.Get<float>(name));
        output.WriteLine($"resize {name}: max |ours − cv2| = {d:g3}");
        Assert.True(d <= ResizeTolerance, $"{name}: {d}");
    }

    [Fact]
    public void ExactHalvingMatchesCv2AreaShortcut()
    {
        // OpenCV switches INTER_LINEAR to INTER_AREA for exact 2× shrinking; both are the 2×2 mean.
        var crop = new float[172 * 120 * 3];
        for (int y = 0; y < 120; y++)
        {
            fx.Data.Noise3.AsSpan(y * W * 3, 172 * 3).CopyTo(crop.AsSpan(y * 172 * 3));
        }

        var ours = new float[86 * 60 * 3];
        Resize.Bilinear(crop, 172, 120, 3, ours, 86, 60);
        float d = TestImages.MaxAbsDiff(ours, fx.Oracle.Get<float>("half"));
        output.WriteLine($"resize half: {d:g3}");
        Assert.True(d <= ResizeTolerance, $"{d}");
    }

    [Theory]
    [InlineData("up_b", 300, 211)]
    [InlineData("down_b", 101, 67)]
    public void ByteResizeWithinOneOfCv2(string name, int dw, int dh)
    {
        // OpenCV's 8-bit path uses 11-bit fixed-point weights; ours interpolates in float and rounds.
        var ours = new byte[dw * dh * 3];
        Resize.Bilinear(fx.Data.Rgb, W, H, 3, ours, dw, dh);
        int d = TestImages.MaxAbsDiff(ours, fx.Oracle.Get<byte>(name));
        output.WriteLine($"resize {name}: {d}");
        Assert.True(d <= 1, $"{name}: {d}");
    }

    [Fact]
    public void FloatWarpMatchesCv2OnValidPixels()
    {
        const int dw = 150, dh = 110;
        var ours = new float[dw * dh];
        var mask = new byte[dw * dh];
        PerspectiveWarp.Warp(fx.Data.Plane, W, H, ours, dw, dh, GeometryOracleFixture.Warp, 0f, mask);
        var cv = fx.Oracle.Get<float>("warp");

        // OpenCV rounds source coordinates to 1/32 pixel (INTER_TAB_SIZE), so on a smooth image the two
        // agree to about |∇I|·(1/64)·2; bound it from the image's own largest neighbour difference.
        float grad = MaxNeighbourStep(fx.Data.Plane, W, H, 1);
        float tol = grad / 16f;
        var (d, compared) = CompareInterior(ours, cv, mask, dw, dh, 1);
        output.WriteLine($"warp float: max |ours − cv2| = {d:g3} over {compared} pixels (tolerance {tol:g3})");
        Assert.True(compared > dw * dh / 2, "too few valid pixels compared");
        Assert.True(d <= tol, $"{d} > {tol}");
    }

    [Fact]
    public void RgbWarpMatchesCv2OnValidPixels()
    {
        const int dw = 150, dh = 110;
        var ours = new byte[dw * dh * 3];
        var mask = new byte[dw * dh];
        PerspectiveWarp.WarpRgb(fx.Data.Rgb, W, H, ours, dw, dh, GeometryOracleFixture.Warp, mask);
        var cv = fx.Oracle.Get<byte>("warp_rgb");
        var diff = 0;
        int compared = 0;
        for (int y = 1; y < dh - 1; y++)
        {
            for (int x = 1; x < dw - 1; x++)
            {
                if (!InteriorValid(mask, dw, x, y))
                {
                    continue;
                }

                compared++;
                for (int c = 0; c < 3; c++)
                {
                    int i = (((y * dw) + x) * 3) + c;
                    diff = Math.Max(diff, Math.Abs(ours[i] - cv[i]));
                }
            }
        }

        // Coordinate rounding (≤ 1/64 px on a gradient of ≲ 20 levels/px) plus rounding of the result.
        output.WriteLine($"warp rgb: max |ours − cv2| = {diff} over {compared} pixels");
        Assert.True(compared > dw * dh / 2);
        Assert.True(diff <= 2, $"{diff}");
    }

    private static bool InteriorValid(byte[] mask, int w, int x, int y)
    {
        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++)
            {
                if (mask[((y + dy) * w) + x + dx] == 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static (float Diff, int Compared) CompareInterior(float[] ours, float[] cv, byte[] mask, int w, int h, int channels)
    {
        float d = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++)
        {
            for (int x = 1; x < w - 1; x++)
            {
                if (!InteriorValid(mask, w, x, y))
                {
                    continue;
                }

                n++;
                for (int c = 0; c < channels; c++)
                {
                    int i = (((y * w) + x) * channels) + c;
                    d = MathF.Max(d, MathF.Abs(ours[i] - cv[i]));
                }
            }
        }

        return (d, n);
    }

    private static float MaxNeighbourStep(float[] p, int w, int h, int channels)
    {
        float m = 0;
        for (int y = 0; y < h - 1; y++)
        {
            for (int x = 0; x < (w - 1) * channels; x++)
            {
                int i = (y * w * channels) + x;
                m = MathF.Max(m, MathF.Abs(p[i + channels] - p[i]) + MathF.Abs(p[i + (w * channels)] - p[i]));
            }
        }

        return m;
    }
}
