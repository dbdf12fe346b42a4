using System.Buffers.Binary;
using System.Text;
using ProgressVision.Imaging.Codecs;
using ProgressVision.Imaging.Codecs.Jpeg;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg;

/// <summary>
/// Exif APP1 segments written by hand (TIFF structure per Exif 2.3) and spliced into cjpeg output:
/// orientation applied to pixels, capture date, camera, GPS presence, and robustness to bad offsets.
/// </summary>
public sealed class JpegExifTests : IDisposable
{
    // Stored image: four 16x8 quadrants (q100, 4:4:4 keeps them clean away from the seams).
    private const int W = 32;
    private const int H = 16;
    private static readonly byte[] Red = [255, 0, 0];
    private static readonly byte[] Green = [0, 255, 0];
    private static readonly byte[] Blue = [0, 0, 255];
    private static readonly byte[] White = [255, 255, 255];

    private readonly string _dir = JpegTestSupport.TempDir("jpeg-exif");
    private readonly Lazy<byte[]> _quadrants;

    public JpegExifTests()
    {
        _quadrants = new Lazy<byte[]>(() =>
        {
            var px = new byte[W * H * 3];
            for (int y = 0; y < H; y++)
            {
                for (int x = 0; x < W; x++)
                {
                    var c = (x < W / 2, y < H / 2) switch
                    {
                        (true, true) => Red,
                        (false, true) => Green,
                        (true, false) => Blue,
                        _ => White,
                    };
                    c.CopyTo(px, ((y * W) + x) * 3);
                }
            }

            string ppm = Path.Combine(_dir, "quadrants.ppm");
            string jpg = Path.Combine(_dir, "quadrants.jpg");
            JpegTestSupport.WritePnm(ppm, W, H, 3, px);
            JpegTestSupport.Run("cjpeg", $"-quality 100 -sample 1x1 -outfile {jpg} {ppm}");
            return File.ReadAllBytes(jpg);
        });
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Upright corner colours (TL, TR, BL, BR) for each orientation, derived from the Exif wording
    /// "0th row is the visual X, 0th column is the visual Y" with stored TL=red, TR=green, BL=blue, BR=white.
    /// </summary>
    public static TheoryData<int, string, string, string, string> Orientations => new()
    {
        { 1, "red", "green", "blue", "white" },   // row 0 top, column 0 left
        { 2, "green", "red", "white", "blue" },   // row 0 top, column 0 right
        { 3, "white", "blue", "green", "red" },   // row 0 bottom, column 0 right
        { 4, "blue", "white", "red", "green" },   // row 0 bottom, column 0 left
        { 5, "red", "blue", "green", "white" },   // row 0 left, column 0 top
        { 6, "blue", "red", "white", "green" },   // row 0 right, column 0 top
        { 7, "white", "green", "blue", "red" },   // row 0 right, column 0 bottom
        { 8, "green", "white", "red", "blue" },   // row 0 left, column 0 bottom
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void OrientationIsAppliedToPixels(int orientation, string tl, string tr, string bl, string br)
    {
        foreach (bool bigEndian in new[] { false, true })
        {
            byte[] jpeg = WithExif(_quadrants.Value, BuildExif(bigEndian, orientation: (ushort)orientation));
            using var img = JpegDecoder.Decode(jpeg, "orient.jpg");
            bool swap = orientation >= 5;
            Assert.Equal(swap ? H : W, img.Width);
            Assert.Equal(swap ? W : H, img.Height);
            Assert.Equal(orientation, img.Metadata.Orientation);
            Assert.Equal(W, img.Metadata.OriginalWidth);
            Assert.Equal(H, img.Metadata.OriginalHeight);
            int m = 3; // sample inside each quadrant, away from the seams
            AssertColour(img, m, m, tl);
            AssertColour(img, img.Width - 1 - m, m, tr);
            AssertColour(img, m, img.Height - 1 - m, bl);
            AssertColour(img, img.Width - 1 - m, img.Height - 1 - m, br);

            // Opting out leaves the stored layout.
            using var raw = JpegDecoder.Decode(jpeg, "orient.jpg", new JpegDecoderOptions { ApplyOrientation = false });
            Assert.Equal(W, raw.Width);
            AssertColour(raw, m, m, "red");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void OrientationMatchesPilExifTranspose(int orientation)
    {
        // Independent oracle: PIL's ImageOps.exif_transpose (Debian /usr/bin/python3).
        byte[] jpeg = WithExif(_quadrants.Value, BuildExif(false, orientation: (ushort)orientation));
        string path = Path.Combine(_dir, $"pil-{orientation}.jpg");
        string raw = Path.Combine(_dir, $"pil-{orientation}.ppm");
        File.WriteAllBytes(path, jpeg);
        string script = $"from PIL import Image, ImageOps; ImageOps.exif_transpose(Image.open('{path}')).convert('RGB').save('{raw}')";
        var (code, err) = RunPython(script);
        Assert.True(code == 0, $"PIL failed: {err}");
        var expected = JpegTestSupport.ReadPnm(raw);
        using var img = JpegDecoder.Decode(jpeg, path);
        Assert.Equal(expected.Width, img.Width);
        Assert.Equal(expected.Height, img.Height);
        var (max, _) = JpegTestSupport.Diff(img.Pixels.Span, expected.Pixels);
        Assert.True(max <= JpegOracleTests.MaxAbsDiff, $"orientation {orientation}: max diff {max} vs PIL");
    }

    [Fact]
    public void CameraDateAndGpsAreRead()
    {
        foreach (bool bigEndian in new[] { false, true })
        {
            byte[] jpeg = WithExif(_quadrants.Value, BuildExif(bigEndian, orientation: 1, make: "Canon", model: "EOS R6  ",
                dateTime: "2024:01:02 03:04:05", dateTimeOriginal: "2023:12:24 18:30:59", gps: true));
            using var img = JpegDecoder.Decode(jpeg, "cam.jpg");
            Assert.Equal("Canon", img.Metadata.CameraMake);
            Assert.Equal("EOS R6", img.Metadata.CameraModel);
            Assert.Equal(new DateTime(2023, 12, 24, 18, 30, 59), img.Metadata.CaptureDate);
            Assert.True(img.Metadata.HasGps);

            var identified = JpegDecoder.Identify(jpeg, "cam.jpg");
            Assert.Equal(img.Metadata, identified);
        }
    }

    [Fact]
    public void DateTimeIsTheFallbackCaptureDateAndNoGpsWithoutTheIfd()
    {
        byte[] jpeg = WithExif(_quadrants.Value, BuildExif(false, orientation: 1, make: "Go", dateTime: "2022:06:30 23:59:58"));
        using var img = JpegDecoder.Decode(jpeg, "fallback.jpg");
        Assert.Equal(new DateTime(2022, 6, 30, 23, 59, 58), img.Metadata.CaptureDate);
        Assert.False(img.Metadata.HasGps);
        Assert.Null(img.Metadata.CameraModel);
    }

    [Fact]
    public void NoExifGivesDefaults()
    {
        using var img = JpegDecoder.Decode(_quadrants.Value, "plain.jpg");
        Assert.Equal(ImageMetadata.None(W, H), img.Metadata);
    }

    [Fact]
    public void BrokenExifNeverFailsTheDecode()
    {
        var good = BuildExif(false, orientation: 6, make: "Make", model: "Model", dateTime: "2022:06:30 23:59:58", dateTimeOriginal: "2021:01:01 00:00:00", gps: true);
        var rnd = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            byte[] bad = (byte[])good.Clone();
            switch (i % 4)
            {
                case 0: // corrupt one 32-bit field somewhere in the TIFF (offsets, counts)
                    BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(6 + (rnd.Next(0, (bad.Length - 10) / 2) * 2)), (uint)rnd.Next());
                    break;
                case 1: // truncate
                    Array.Resize(ref bad, rnd.Next(6, bad.Length));
                    break;
                case 2: // IFD0 offset pointing at itself / outside
                    BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(6 + 4), (uint)(i % 8 == 2 ? 0xFFFFFFF0 : 8));
                    break;
                default: // random bytes
                    bad[6 + rnd.Next(bad.Length - 6)] = (byte)rnd.Next(256);
                    break;
            }

            using var img = JpegDecoder.Decode(WithExif(_quadrants.Value, bad), "bad-exif.jpg");
            Assert.InRange(img.Metadata.Orientation, 1, 8);
            Assert.True(img.Width * img.Height == W * H);
        }
    }

    private static (int, string) RunPython(string script)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var p = System.Diagnostics.Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, err);
    }

    private static readonly Dictionary<string, byte[]> Colours = new()
    {
        ["red"] = Red,
        ["green"] = Green,
        ["blue"] = Blue,
        ["white"] = White,
    };

    private static void AssertColour(DecodedImage img, int x, int y, string name)
    {
        var want = Colours[name];
        for (int c = 0; c < 3; c++)
        {
            int got = img.Pixels[x, y, c];
            Assert.True(Math.Abs(got - want[c]) <= 8, $"pixel ({x},{y}) channel {c} = {got}, expected {name} {want[c]}");
        }
    }

    /// <summary>Inserts an APP1 segment right after SOI.</summary>
    internal static byte[] WithExif(byte[] jpeg, byte[] app1Payload)
    {
        var ms = new MemoryStream();
        ms.Write(jpeg, 0, 2);
        ms.WriteByte(0xFF);
        ms.WriteByte(0xE1);
        int len = app1Payload.Length + 2;
        ms.WriteByte((byte)(len >> 8));
        ms.WriteByte((byte)len);
        ms.Write(app1Payload);
        ms.Write(jpeg, 2, jpeg.Length - 2);
        return ms.ToArray();
    }

    /// <summary>
    /// "Exif\0\0" + a TIFF: header, IFD0 (Make, Model, Orientation, DateTime, ExifIFD pointer, GPS
    /// pointer), the Exif IFD (DateTimeOriginal), a one-entry GPS IFD, then the ASCII values.
    /// </summary>
    internal static byte[] BuildExif(bool bigEndian, ushort orientation, string? make = null, string? model = null,
        string? dateTime = null, string? dateTimeOriginal = null, bool gps = false)
    {
        var ifd0 = new List<(ushort Tag, ushort Type, uint Count, object Value)>();
        if (make is not null)
        {
            ifd0.Add((0x010F, 2, 0, make));
        }

        if (model is not null)
        {
            ifd0.Add((0x0110, 2, 0, model));
        }

        ifd0.Add((0x0112, 3, 1, orientation));
        if (dateTime is not null)
        {
            ifd0.Add((0x0132, 2, 0, dateTime));
        }

        ifd0.Add((0x8769, 4, 1, "EXIF"));
        if (gps)
        {
            ifd0.Add((0x8825, 4, 1, "GPS"));
        }

        var exifIfd = new List<(ushort, ushort, uint, object)>();
        if (dateTimeOriginal is not null)
        {
            exifIfd.Add((0x9003, 2, 0, dateTimeOriginal));
        }

        // Layout: header(8) | IFD0 | Exif IFD | GPS IFD | data area.
        int ifd0Size = 2 + (12 * ifd0.Count) + 4;
        int exifOffset = 8 + ifd0Size;
        int exifSize = 2 + (12 * exifIfd.Count) + 4;
        int gpsOffset = exifOffset + exifSize;
        int gpsSize = 2 + 12 + 4;
        int dataOffset = gpsOffset + gpsSize;
        var tiff = new byte[dataOffset + 512];
        var data = new List<byte>();
        void U16(int at, int v)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)v);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)v);
            }
        }

        void U32(int at, uint v)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), v);
            }
        }

        void WriteIfd(int at, List<(ushort Tag, ushort Type, uint Count, object Value)> entries)
        {
            U16(at, entries.Count);
            for (int i = 0; i < entries.Count; i++)
            {
                int e = at + 2 + (12 * i);
                var (tag, type, _, value) = entries[i];
                U16(e, tag);
                U16(e + 2, type);
                switch (value)
                {
                    case ushort s:
                        U32(e + 4, 1);
                        U16(e + 8, s);
                        break;
                    case "EXIF":
                        U32(e + 4, 1);
                        U32(e + 8, (uint)exifOffset);
                        break;
                    case "GPS":
                        U32(e + 4, 1);
                        U32(e + 8, (uint)gpsOffset);
                        break;
                    case string str:
                        byte[] bytes = [.. Encoding.ASCII.GetBytes(str), 0];
                        U32(e + 4, (uint)bytes.Length);
                        U32(e + 8, (uint)(dataOffset + data.Count));
                        data.AddRange(bytes);
                        break;
                }
            }

            U32(at + 2 + (12 * entries.Count), 0); // no next IFD
        }

        tiff[0] = tiff[1] = (byte)(bigEndian ? 'M' : 'I');
        U16(2, 42);
        U32(4, 8);
        WriteIfd(8, ifd0);
        WriteIfd(exifOffset, exifIfd);
        WriteIfd(gpsOffset, [(0x0000, 1, 4, (ushort)0x0202)]); // GPSVersionID
        data.CopyTo(tiff, dataOffset);
        return [.. "Exif\0\0"u8.ToArray(), .. tiff.AsSpan(0, dataOffset + data.Count).ToArray()];
    }
}
