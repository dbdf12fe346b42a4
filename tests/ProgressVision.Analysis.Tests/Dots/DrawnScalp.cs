using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Tests.Dots;

/// <summary>A dot drawn into a test image: centre (pixel centres at integers), radius, contrast 1 − L/L_skin.</summary>
public readonly record struct DrawnDot(double X, double Y, double Radius, double Contrast);

/// <summary>
/// Hand-drawn test scenes independent of the detector and of Synth: textured skin, anti-aliased
/// disc dots (exact area coverage by 8×8 supersampling) and straight dark hairs.
/// </summary>
public sealed class DrawnScalp
{
    private readonly double[] _factor; // multiplicative linear-light factor per pixel (1 = skin)
    private readonly double[] _ink; // pigment opacity per pixel (0 = none): the colour is blended towards Pigment

    public DrawnScalp(int width, int height, (byte R, byte G, byte B) skin, double textureSd, int seed)
    {
        Width = width;
        Height = height;
        Skin = skin;
        _factor = new double[width * height];
        _ink = new double[width * height];
        var rng = new Random(seed);
        for (int i = 0; i < _factor.Length; i++)
        {
            _factor[i] = 1 + (textureSd * Gauss(rng));
        }
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) Skin { get; }

    public List<DrawnDot> Dots { get; } = [];

    /// <summary>Darkens a disc: each pixel by contrast × the fraction of its area inside the disc.</summary>
    public void AddDot(double cx, double cy, double r, double contrast)
    {
        Dots.Add(new DrawnDot(cx, cy, r, contrast));
        int x0 = (int)Math.Floor(cx - r - 1), x1 = (int)Math.Ceiling(cx + r + 1);
        int y0 = (int)Math.Floor(cy - r - 1), y1 = (int)Math.Ceiling(cy + r + 1);
        for (int y = Math.Max(0, y0); y <= Math.Min(Height - 1, y1); y++)
        {
            for (int x = Math.Max(0, x0); x <= Math.Min(Width - 1, x1); x++)
            {
                int inside = Inside(x, y, cx, cy, r);

                _factor[(y * Width) + x] *= 1 - (contrast * inside / 64.0);
            }
        }
    }

    /// <summary>
    /// Cool blue-grey pigment (sRGB 38, 38, 44, carbon ink seen through skin) that
    /// <see cref="AddPigmentDot"/> blends towards, unlike <see cref="AddDot"/>, which darkens all
    /// channels alike as a pore or a skin-coloured shadow does.
    /// </summary>
    public static (byte R, byte G, byte B) Pigment => (38, 38, 44);

    /// <summary>
    /// A pigment dot: each pixel's linear colour moves towards <see cref="Pigment"/> by opacity × the
    /// fraction of its area inside the disc. Listed in <see cref="Dots"/> with the luminance contrast
    /// that opacity gives on this skin.
    /// </summary>
    public void AddPigmentDot(double cx, double cy, double r, double opacity)
    {
        double ls = Luminance(Skin), lp = Luminance(Pigment);
        Dots.Add(new DrawnDot(cx, cy, r, opacity * (1 - (lp / ls))));
        int x0 = (int)Math.Floor(cx - r - 1), x1 = (int)Math.Ceiling(cx + r + 1);
        int y0 = (int)Math.Floor(cy - r - 1), y1 = (int)Math.Ceiling(cy + r + 1);
        for (int y = Math.Max(0, y0); y <= Math.Min(Height - 1, y1); y++)
        {
            for (int x = Math.Max(0, x0); x <= Math.Min(Width - 1, x1); x++)
            {
                int inside = Inside(x, y, cx, cy, r);

                double a = opacity * inside / 64.0;
                int i = (y * Width) + x;
                _ink[i] = 1 - ((1 - _ink[i]) * (1 - a));
            }
        }
    }

    /// <summary>A straight hair of half-width <paramref name="halfWidth"/> between two points.</summary>
    public void AddHair(double x0, double y0, double x1, double y1, double halfWidth, double contrast)
    {
        double len = Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0)));
        double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                double t = ((x - x0) * ux) + ((y - y0) * uy);
                if (t < -2 || t > len + 2)
                {
                    continue;
                }

                double tc = Math.Clamp(t, 0, len);
                double dx = x - (x0 + (tc * ux)), dy = y - (y0 + (tc * uy));
                double dist = Math.Sqrt((dx * dx) + (dy * dy));
                double cov = Math.Clamp(halfWidth + 0.5 - dist, 0, 1);
                if (cov > 0)
                {
                    _factor[(y * Width) + x] *= 1 - (contrast * cov);
                }
            }
        }
    }

    /// <summary>Scatters dots with a minimum spacing (Poisson-disc by rejection).</summary>
    public void ScatterDots(int count, double rMin, double rMax, double cMin, double cMax, double minSpacing, int seed, int margin = 8)
    {
        var rng = new Random(seed);
        int tries = 0;
        var placed = new List<DrawnDot>();
        while (placed.Count < count && tries++ < count * 200)
        {
            double x = margin + (rng.NextDouble() * (Width - (2 * margin))), y = margin + (rng.NextDouble() * (Height - (2 * margin)));
            if (placed.Any(d => ((d.X - x) * (d.X - x)) + ((d.Y - y) * (d.Y - y)) < minSpacing * minSpacing))
            {
                continue;
            }

            var dot = new DrawnDot(x, y, rMin + (rng.NextDouble() * (rMax - rMin)), cMin + (rng.NextDouble() * (cMax - cMin)));
            placed.Add(dot);
            AddDot(dot.X, dot.Y, dot.Radius, dot.Contrast);
        }
    }

    /// <summary>
    /// Renders to 8-bit RGB, optionally with a left-to-right lighting ramp (gain at x = 0 and x = w−1)
    /// and per-channel linear gains (a white-balance or light-colour change).
    /// </summary>
    public PixelBuffer<byte> Render(double gainLeft = 1, double gainRight = 1, (double R, double G, double B)? channelGains = null)
    {
        var (kr, kg, kb) = channelGains ?? (1, 1, 1);
        double pr = Decode(Pigment.R), pg = Decode(Pigment.G), pb = Decode(Pigment.B);
        var img = new PixelBuffer<byte>(Width, Height, 3);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                double g = gainLeft + ((gainRight - gainLeft) * x / Math.Max(1, Width - 1));
                double f = _factor[(y * Width) + x] * g, a = _ink[(y * Width) + x];
                img[x, y, 0] = Encode(kr * (((1 - a) * Decode(Skin.R) * f) + (a * pr * g)));
                img[x, y, 1] = Encode(kg * (((1 - a) * Decode(Skin.G) * f) + (a * pg * g)));
                img[x, y, 2] = Encode(kb * (((1 - a) * Decode(Skin.B) * f) + (a * pb * g)));
            }
        }

        return img;
    }

    /// <summary>Rec. 709 relative luminance of an sRGB colour in linear light.</summary>
    public static double Luminance((byte R, byte G, byte B) c) => (0.2126 * Decode(c.R)) + (0.7152 * Decode(c.G)) + (0.0722 * Decode(c.B));

    /// <summary>IEC 61966-2-1 decoding of an 8-bit sRGB code to linear light.</summary>
    public static double Decode(byte v) => DecodeCode(v);

    // IEC 61966-2-1: dots and hair darken linear light multiplicatively; the file holds sRGB codes.
    private static double DecodeCode(byte v)
    {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static byte Encode(double l)
    {
        l = Math.Clamp(l, 0, 1);
        double c = l <= 0.0031308 ? 12.92 * l : (1.055 * Math.Pow(l, 1 / 2.4)) - 0.055;
        return (byte)Math.Clamp((int)Math.Round(c * 255), 0, 255);
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    // How many of pixel (x, y)'s 8×8 sub-samples fall inside the disc (antialiased edges, 64 = fully inside).
    private static int Inside(int x, int y, double cx, double cy, double r)
    {
        int inside = 0;
        for (int sy = 0; sy < 8; sy++)
        {
            for (int sx = 0; sx < 8; sx++)
            {
                double px = x - 0.5 + ((sx + 0.5) / 8), py = y - 0.5 + ((sy + 0.5) / 8);
                if (((px - cx) * (px - cx)) + ((py - cy) * (py - cy)) <= r * r)
                {
                    inside++;
                }
            }
        }

        return inside;
    }
}
