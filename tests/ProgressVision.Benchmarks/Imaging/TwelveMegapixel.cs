namespace ProgressVision.Benchmarks.Imaging;

/// <summary>The 12 MP (4032×3024, a typical phone photo) inputs shared by the imaging benchmarks, fixed seed.</summary>
internal static class TwelveMegapixel
{
    public const int Width = 4032, Height = 3024;

    public static float[] Plane() => Floats(Width * Height, 1);

    public static float[] Rgb() => Floats(Width * Height * 3, 2);

    public static byte[] RgbBytes()
    {
        var a = new byte[Width * Height * 3];
        new Random(3).NextBytes(a);
        return a;
    }

    private static float[] Floats(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.NextSingle();
        }

        return a;
    }
}
