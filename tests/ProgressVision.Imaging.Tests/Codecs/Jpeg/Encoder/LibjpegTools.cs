using System.Diagnostics;
using System.Text;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg.Encoder;

/// <summary>
/// Runs libjpeg-turbo's <c>djpeg</c> and <c>cjpeg</c> (Debian libjpeg-turbo-progs) as independent oracles, and reads
/// and writes the binary PNM files they exchange.
/// </summary>
internal static class LibjpegTools
{
    /// <summary>A decoded PNM: width, height, channels (1 or 3), samples.</summary>
    public sealed record Pnm(int Width, int Height, int Channels, byte[] Data);

    /// <summary>Decodes JPEG bytes with djpeg into a PNM.</summary>
    public static Pnm Djpeg(byte[] jpeg)
    {
        string dir = Directory.CreateTempSubdirectory("pv-djpeg-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.jpg");
            string output = Path.Combine(dir, "out.pnm");
            File.WriteAllBytes(input, jpeg);
            Run("djpeg", ["-pnm", "-outfile", output, input]);
            return ReadPnm(File.ReadAllBytes(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Encodes interleaved 8-bit pixels with cjpeg and returns the JPEG bytes.</summary>
    public static byte[] Cjpeg(byte[] pixels, int width, int height, int channels, params string[] args)
    {
        string dir = Directory.CreateTempSubdirectory("pv-cjpeg-").FullName;
        try
        {
            string input = Path.Combine(dir, channels == 1 ? "in.pgm" : "in.ppm");
            string output = Path.Combine(dir, "out.jpg");
            File.WriteAllBytes(input, WritePnm(pixels, width, height, channels));
            Run("cjpeg", [.. args, "-outfile", output, input]);
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Converts any JPEG file to a PNM with djpeg (to feed real photos to our encoder).</summary>
    public static Pnm DjpegFile(string path) => Djpeg(File.ReadAllBytes(path));

    public static byte[] WritePnm(byte[] pixels, int width, int height, int channels)
    {
        byte[] header = Encoding.ASCII.GetBytes($"{(channels == 1 ? "P5" : "P6")}\n{width} {height}\n255\n");
        return [.. header, .. pixels];
    }

    public static Pnm ReadPnm(byte[] data)
    {
        int pos = 0;
        string magic = Token(data, ref pos);
        int w = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        int h = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        int max = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(255, max);
        pos++; // single whitespace after maxval
        int ch = magic == "P5" ? 1 : 3;
        return new Pnm(w, h, ch, data.AsSpan(pos, w * h * ch).ToArray());
    }

    private static string Token(byte[] d, ref int pos)
    {
        while (char.IsWhiteSpace((char)d[pos]))
        {
            pos++;
        }

        int start = pos;
        while (!char.IsWhiteSpace((char)d[pos]))
        {
            pos++;
        }

        return Encoding.ASCII.GetString(d, start, pos - start);
    }

    private static void Run(string tool, string[] args)
    {
        string path = $"/usr/bin/{tool}";
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: apt-get install libjpeg-turbo-progs");
        }

        var psi = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed (exit {p.ExitCode}): {err}");
    }

    /// <summary>PSNR in dB over all samples (peak 255).</summary>
    public static double Psnr(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        double se = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            se += d * d;
        }

        double mse = se / a.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    /// <summary>The marker segments of a JPEG up to SOS: (marker, payload without the length field).</summary>
    public static List<(byte Marker, byte[] Payload)> Segments(byte[] jpeg)
    {
        var list = new List<(byte, byte[])>();
        int p = 2;
        while (p + 4 <= jpeg.Length && jpeg[p] == 0xFF)
        {
            byte m = jpeg[p + 1];
            int len = (jpeg[p + 2] << 8) | jpeg[p + 3];
            list.Add((m, jpeg.AsSpan(p + 4, len - 2).ToArray()));
            p += 2 + len;
            if (m == 0xDA)
            {
                break;
            }
        }

        return list;
    }
}
