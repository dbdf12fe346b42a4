using ProgressVision.Imaging.Morphology;
using ProgressVision.Imaging.Tests.Kernels;
using ProgressVision.Imaging.Tests.Oracles;
using Xunit.Abstractions;

namespace ProgressVision.Imaging.Tests.OpenCv;

/// <summary>Runs OpenCV once for <see cref="MorphologyOpenCvTests"/>.</summary>
public sealed class MorphologyOracleFixture : IDisposable
{
    public const int W = 211, H = 97;
    public static readonly int[] Radii = [1, 3, 7];

    public MorphologyOracleFixture()
    {
        Grey = TestImages.RandomBytes(W * H, 31);

        // Blobby mask: threshold a box-smoothed noise field so components have real shapes and holes.
        var noise = TestImages.RandomFloats(W * H, 32);
        var smooth = new float[W * H];
        Filters.BoxBlur.Blur(noise, W, H, smooth, 2);
        Mask = smooth.Select(v => v > 0.52f ? (byte)255 : (byte)0).ToArray();
        Values = TestImages.RandomFloats(W * H, 33);
        Oracle.Put("grey", Grey, H, W);
        Oracle.Put("mask", Mask, H, W);
        Oracle.Run("""
            g = load('grey'); m = load('mask')
            shapes = {'Square': cv2.MORPH_RECT, 'Disc': cv2.MORPH_ELLIPSE, 'Cross': cv2.MORPH_CROSS}
            for name, s in shapes.items():
                for r in (1, 3, 7):
                    k = cv2.getStructuringElement(s, (2 * r + 1, 2 * r + 1))
                    save('erode_%s_%d' % (name, r), cv2.erode(g, k))
                    save('dilate_%s_%d' % (name, r), cv2.dilate(g, k))
            for c in (4, 8):
                n, labels, stats, cents = cv2.connectedComponentsWithStats(m, connectivity=c, ltype=cv2.CV_32S)
                save('cc_labels_%d' % c, labels.astype(np.int32))
                save('cc_stats_%d' % c, stats.astype(np.int32))
                save('cc_cents_%d' % c, cents.astype(np.float64))
            """);
    }

    public OpenCvOracle Oracle { get; } = new();

    public byte[] Grey { get; }

    public byte[] Mask { get; }

    public float[] Values { get; }

    public void Dispose() => Oracle.Dispose();
}

/// <summary>Erode/dilate and connectedComponentsWithStats against Debian's OpenCV.</summary>
public class MorphologyOpenCvTests(MorphologyOracleFixture fx, ITestOutputHelper output) : IClassFixture<MorphologyOracleFixture>
{
    private const int W = MorphologyOracleFixture.W, H = MorphologyOracleFixture.H;

    public static TheoryData<StructuringElementShape, int> Cases()
    {
        var d = new TheoryData<StructuringElementShape, int>();
        foreach (var s in Enum.GetValues<StructuringElementShape>())
        {
            foreach (int r in MorphologyOracleFixture.Radii)
            {
                d.Add(s, r);
            }
        }

        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ErodeAndDilateEqualCv2(StructuringElementShape shape, int radius)
    {
        var se = new StructuringElement(shape, radius);
        var ours = new byte[W * H];
        MaskMorphology.Erode(fx.Grey, W, H, ours, se);
        Assert.Equal(fx.Oracle.Get<byte>($"erode_{shape}_{radius}"), ours);
        MaskMorphology.Dilate(fx.Grey, W, H, ours, se);
        Assert.Equal(fx.Oracle.Get<byte>($"dilate_{shape}_{radius}"), ours);
    }

    [Theory]
    [InlineData(Connectivity.Four)]
    [InlineData(Connectivity.Eight)]
    public void ComponentsEqualCv2UpToLabelOrder(Connectivity conn)
    {
        int c = (int)conn;
        var labels = new int[W * H];
        var stats = ConnectedComponents.LabelWithStats(fx.Mask, W, H, labels, conn, fx.Values);
        var cvLabels = fx.Oracle.Get<int>($"cc_labels_{c}");
        var cvStats = fx.Oracle.Get<int>($"cc_stats_{c}");
        var cvCents = fx.Oracle.Get<double>($"cc_cents_{c}");
        int cvCount = (cvStats.Length / 5) - 1;
        output.WriteLine($"{conn}: {stats.Length} components (cv2: {cvCount})");
        Assert.Equal(cvCount, stats.Length);
        Assert.True(stats.Length > 20, "fixture should produce many components");

        // The label images must be the same partition: a bijection ours ↔ cv2, background ↔ background.
        var map = new int[stats.Length + 1];
        Array.Fill(map, -1);
        for (int i = 0; i < labels.Length; i++)
        {
            int o = labels[i], v = cvLabels[i];
            Assert.True(map[o] == -1 || map[o] == v, $"pixel {i}: our label {o} maps to cv2 {map[o]} and {v}");
            map[o] = v;
        }

        Assert.Equal(0, map[0]);
        Assert.Equal(stats.Length, map.Skip(1).Distinct().Count());
        foreach (var s in stats)
        {
            int v = map[s.Label];
            Assert.Equal(cvStats[(v * 5) + 0], s.Left);
            Assert.Equal(cvStats[(v * 5) + 1], s.Top);
            Assert.Equal(cvStats[(v * 5) + 2], s.Width);
            Assert.Equal(cvStats[(v * 5) + 3], s.Height);
            Assert.Equal(cvStats[(v * 5) + 4], s.Area);
            Assert.Equal(cvCents[v * 2], s.CentroidX, 9);
            Assert.Equal(cvCents[(v * 2) + 1], s.CentroidY, 9);
        }
    }
}
