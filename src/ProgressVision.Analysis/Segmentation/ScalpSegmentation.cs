using System.Runtime.InteropServices;
using ProgressVision.Analysis.Dots;
using ProgressVision.Analysis.Metrics;
using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Morphology;

namespace ProgressVision.Analysis.Segmentation;

/// <summary>
/// Labels each pixel background / scalp / hair and finds the treated area within the scalp.
/// </summary>
/// <remarks>
/// Background: blocks whose chroma log(R/B) (linear light) is well below the skin's, the skin's
/// being read around the detected dots (which lie on scalp by construction); holes inside the scalp
/// are filled. Hair: thin dark ridges of the darkness plane (one strongly negative Hessian
/// eigenvalue, the other near zero), grown by hysteresis from strong seeds and kept when long
/// enough; pixels of detected dots are never hair, because a dot's rim is ridge-like too. Treated
/// area: where dot density, smoothed over about 1.5 dot spacings, reaches half its typical value
/// (half is where a straight edge of a uniform field falls), with enclosed gaps filled in (also those
/// the photo frame cuts: empty patches bounded by treated area except at the frame edge).
/// </remarks>
public static class ScalpSegmentation
{
    // Ridge classes of hair finding (any non-zero value is foreground to the labelling).
    private const byte Candidate = RidgeClasses.Candidate, Seed = RidgeClasses.Seed;

    /// <summary>Segments a photo given its darkness planes and its detected dots.</summary>
    /// <exception cref="ArgumentException">Planes of another size than the photo.</exception>
    public static ScalpMask Segment(PixelBuffer<byte> rgb, DarknessPlanes planes, IReadOnlyList<PigmentDot> dots, SegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(dots);
        if (rgb.Width != planes.Width || rgb.Height != planes.Height || rgb.Channels != 3)
        {
            throw new ArgumentException($"Segmentation needs the RGB photo its planes came from; got {rgb} and planes {planes.Width}x{planes.Height}.", nameof(planes));
        }

        var o = options ?? new SegmentationOptions();
        int w = rgb.Width, h = rgb.Height;
        var skin = SkinBlocks(rgb, dots, o, out int block, out int bw, out int bh);
        var hair = HairPixels(planes, dots, o);
        var labels = new PixelBuffer<byte>(w, h, clear: false);
        Parallel.For(0, h, y =>
        {
            var row = labels.Row(y);
            int by = y / block;
            for (int x = 0; x < w; x++)
            {
                row[x] = skin[(by * bw) + (x / block)] == 0 ? (byte)ScalpLabel.Background
                    : hair[(y * w) + x] ? (byte)ScalpLabel.Hair : (byte)ScalpLabel.Scalp;
            }
        });
        PlanePool<bool>.Return(hair);

        var treated = TreatedArea(dots, labels, o);
        return new ScalpMask(labels, treated, 1, w, h);
    }

    // Per-block skin (255) / background (0), after hole filling and keeping skin parts with dots.
    private static byte[] SkinBlocks(PixelBuffer<byte> rgb, IReadOnlyList<PigmentDot> dots, SegmentationOptions o, out int block, out int bw, out int bh)
    {
        int w = rgb.Width, h = rgb.Height;
        int b = block = Math.Max(2, o.BackgroundBlock);
        int gw = bw = ((w - 1) / b) + 1, gh = bh = ((h - 1) / b) + 1;
        var lut = new double[256];
        for (int i = 0; i < 256; i++)
        {
            double c = i / 255.0;
            lut[i] = c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var chroma = new double[gw * gh];
        Parallel.For(0, gh, gy =>
        {
            for (int gx = 0; gx < gw; gx++)
            {
                double r = 0, bl = 0;
                for (int y = gy * b; y < Math.Min(h, (gy + 1) * b); y++)
                {
                    var row = rgb.Row(y);
                    for (int x = gx * b; x < Math.Min(w, (gx + 1) * b); x++)
                    {
                        r += lut[row[3 * x]];
                        bl += lut[row[(3 * x) + 2]];
                    }
                }

                chroma[(gy * gw) + gx] = Math.Log((r + 1e-4) / (bl + 1e-4));
            }
        });

        // Skin reference: chroma of the blocks holding dots (or of the central half of the photo).
        var refs = new List<double>();
        foreach (var d in dots)
        {
            int gx = Math.Clamp((int)(d.X / b), 0, gw - 1), gy = Math.Clamp((int)(d.Y / b), 0, gh - 1);
            refs.Add(chroma[(gy * gw) + gx]);
        }

        if (refs.Count < 10)
        {
            for (int gy = gh / 4; gy < Math.Max(gh / 4 + 1, 3 * gh / 4); gy++)
            {
                for (int gx = gw / 4; gx < Math.Max(gw / 4 + 1, 3 * gw / 4); gx++)
                {
                    refs.Add(chroma[(gy * gw) + gx]);
                }
            }
        }

        refs.Sort();
        double skinRef = refs[refs.Count / 2];
        var mask = new byte[gw * gh];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = chroma[i] >= skinRef - o.BackgroundChromaMargin ? (byte)255 : (byte)0;
        }

        // A little opening removes isolated skin-coloured specks of background; then holes in the
        // scalp (dark hair, moles read as neutral) are filled.
        var opened = new byte[mask.Length];
        MaskMorphology.Open(mask, gw, gh, opened, StructuringElement.Square(1));
        FillHoles(opened, gw, gh);
        return opened;
    }

    // Indices of the Seed bytes of cls, ascending.
    private static List<int> SeedIndices(ReadOnlySpan<byte> cls)
    {
        var seeds = new List<int>();
        int at = 0;
        while (at < cls.Length)
        {
            int k = cls[at..].IndexOf(Seed);
            if (k < 0)
            {
                break;
            }

            seeds.Add(at + k);
            at += k + 1;
        }

        return seeds;
    }

    // Hair flags, packed rows, in a pooled array (at least w × h long) the caller returns.
    private static bool[] HairPixels(DarknessPlanes planes, IReadOnlyList<PigmentDot> dots, SegmentationOptions o)
    {
        int w = planes.Width, h = planes.Height;
        var ridge = PlanePool<float>.Rent(w * h);
        var labels = PlanePool<int>.Rent(w * h);
        var cls = PlanePool<byte>.Rent(w * h);
        try
        {
            // Robust noise scale: MAD of the second difference across rows of the smoothed plane (a
            // symmetric, mostly-texture distribution, unlike the one-sided ridge measure itself).
            var sample = HairRidge.Compute(planes.Darkness, w, h, ridge);
            float scale = Math.Max(1e-5f, 1.4826f * OrderStatistic.Select(CollectionsMarshal.AsSpan(sample), sample.Count / 2));
            float hi = (float)(o.HairSeedNoise * scale), lo = (float)(o.HairGrowNoise * scale);

            // Dot pixels are never hair.
            foreach (var d in dots)
            {
                double r = d.Radius + 1.5;
                for (int y = Math.Max(0, (int)(d.Y - r)); y <= Math.Min(h - 1, (int)Math.Ceiling(d.Y + r)); y++)
                {
                    for (int x = Math.Max(0, (int)(d.X - r)); x <= Math.Min(w - 1, (int)Math.Ceiling(d.X + r)); x++)
                    {
                        if (((x - d.X) * (x - d.X)) + ((y - d.Y) * (y - d.Y)) <= r * r)
                        {
                            ridge[(y * w) + x] = 0;
                        }
                    }
                }
            }

            // One byte per pixel: 0 no ridge, Candidate above the grow level, Seed above the seed level.
            Parallel.For(0, h, y => RidgeClasses.Classify(ridge.AsSpan(y * w, w), cls.AsSpan(y * w, w), hi, lo));

            var stats = ConnectedComponents.LabelWithStats(cls.AsSpan(0, w * h), w, h, labels.AsSpan(0, w * h), Connectivity.Eight);
            // Only seed pixels matter below; they are a small share of the photo, so they are found
            // with a vectorised search (in index order, so every sum below adds in the same order).
            var seeds = SeedIndices(cls.AsSpan(0, w * h));
            var seeded = new bool[stats.Length + 1];
            foreach (int i in seeds)
            {
                seeded[labels[i]] = true;
            }

            var keep = new bool[stats.Length + 1];
            foreach (var s in stats)
            {
                // Hair is long and thin: extent at least the minimum length, mean width (area ÷ extent) small.
                double extent = Math.Max(s.Width, s.Height);
                keep[s.Label] = seeded[s.Label] && extent >= o.HairMinLengthPx && s.Area <= o.HairMaxWidthPx * extent * 1.5;
            }

            // Within a kept ridge, hair is where the darkness reaches half the ridge's typical darkness:
            // the ridge response is wider than a thin hair.
            var sum = new double[stats.Length + 1];
            var cnt = new int[stats.Length + 1];
            foreach (int i in seeds)
            {
                int l = labels[i];
                if (l > 0 && keep[l])
                {
                    sum[l] += planes.Darkness[i];
                    cnt[l]++;
                }
            }

            var hair = PlanePool<bool>.Rent(w * h);
            var darkness = planes.Darkness;
            Parallel.For(0, h, y =>
            {
                // Most pixels carry no ridge label (0: not hair); runs of them are skipped with a
                // vectorised search and cleared at once.
                var lab = labels.AsSpan(y * w, w);
                var flags = hair.AsSpan(y * w, w);
                int x = 0;
                while (x < w)
                {
                    int skip = lab[x..].IndexOfAnyExcept(0);
                    if (skip < 0)
                    {
                        flags[x..].Clear();
                        break;
                    }

                    flags.Slice(x, skip).Clear();
                    x += skip;
                    int l = lab[x];
                    flags[x] = l > 0 && keep[l] && cnt[l] > 0 && darkness[(y * w) + x] >= 0.5 * sum[l] / cnt[l];
                    x++;
                }
            });

            return hair;
        }
        finally
        {
            PlanePool<float>.Return(ridge);
            PlanePool<int>.Return(labels);
            PlanePool<byte>.Return(cls);
        }
    }

    private static PixelBuffer<byte> TreatedArea(IReadOnlyList<PigmentDot> dots, PixelBuffer<byte> labels, SegmentationOptions o)
    {
        int w = labels.Width, h = labels.Height;
        var treated = new PixelBuffer<byte>(w, h);
        var onSkin = dots.Where(d => labels[Math.Clamp((int)Math.Round(d.X), 0, w - 1), Math.Clamp((int)Math.Round(d.Y), 0, h - 1)] != (byte)ScalpLabel.Background).ToList();
        if (onSkin.Count < 5)
        {
            return treated;
        }

        var nn = UniformityMetrics.NearestNeighbourDistances(onSkin.Select(d => (d.X, d.Y)).ToList()).Order().ToArray();
        double spacing = nn[nn.Length / 2];
        double sigma = Math.Max(2, o.TreatedSmoothingSpacings * spacing);
        int cell = Math.Max(1, (int)(sigma / 4));
        int gw = ((w - 1) / cell) + 1, gh = ((h - 1) / cell) + 1;
        var count = new float[gw * gh];
        foreach (var d in onSkin)
        {
            count[(Math.Clamp((int)(d.Y / cell), 0, gh - 1) * gw) + Math.Clamp((int)(d.X / cell), 0, gw - 1)] += 1;
        }

        // Replicate borders would invent dots beyond the frame edge: pad with empty cells instead,
        // and normalise by the smoothed in-frame indicator so density near the frame edge is not halved.
        int pad = (int)Math.Ceiling(3 * sigma / cell) + 1, pw = gw + (2 * pad), ph = gh + (2 * pad);
        var padded = new float[pw * ph];
        var frame = new float[pw * ph];
        for (int y = 0; y < gh; y++)
        {
            for (int x = 0; x < gw; x++)
            {
                padded[((y + pad) * pw) + x + pad] = count[(y * gw) + x];
                frame[((y + pad) * pw) + x + pad] = 1;
            }
        }

        var dens = new float[pw * ph];
        var norm = new float[pw * ph];
        SeparableGaussian.BlurPlane(padded, dens, pw, ph, sigma / cell);
        SeparableGaussian.BlurPlane(frame, norm, pw, ph, sigma / cell);
        var atDots = new List<float>();
        foreach (var d in onSkin)
        {
            int i = ((Math.Clamp((int)(d.Y / cell), 0, gh - 1) + pad) * pw) + Math.Clamp((int)(d.X / cell), 0, gw - 1) + pad;
            atDots.Add(dens[i] / Math.Max(1e-6f, norm[i]));
        }

        atDots.Sort();
        float limit = (float)(o.TreatedDensityFraction * atDots[atDots.Count / 2]);
        var grid = new byte[gw * gh];
        for (int y = 0; y < gh; y++)
        {
            for (int x = 0; x < gw; x++)
            {
                int i = ((y + pad) * pw) + x + pad;
                grid[(y * gw) + x] = dens[i] / Math.Max(1e-6f, norm[i]) >= limit ? (byte)255 : (byte)0;
            }
        }

        FillHoles(grid, gw, gh);

        // Grid column of every x, found once instead of an integer division per pixel.
        var gridColumn = new int[w];
        for (int x = 0; x < w; x++)
        {
            gridColumn[x] = x / cell;
        }

        Parallel.For(0, h, y =>
        {
            var t = treated.Row(y);
            var l = labels.Row(y);
            var g = grid.AsSpan((y / cell) * gw, gw);
            for (int x = 0; x < w; x++)
            {
                t[x] = g[gridColumn[x]] != 0 && l[x] != (byte)ScalpLabel.Background ? (byte)1 : (byte)0;
            }
        });
        return treated;
    }

    // Sets to 255 every 0-region enclosed by treated cells: those not touching the grid border, and those
    // the frame cuts (an empty patch at the photo edge). The exterior of a convex treated area is bounded by
    // a monotone curve and the frame path around it, so its contact with treated cells is at most its
    // contact with the frame (4-neighbour edge counts, a staircase being as long as the frame path);
    // a convex hole the frame cuts touches treated cells along its arc, at least 1 + 2·depth/chord times
    // its chord on the frame. Regions whose treated contact exceeds FrameCutHoleContactRatio × frame
    // contact are therefore holes; the ratio leaves room for the mild concavity of real treated outlines.
    private const double FrameCutHoleContactRatio = 1.5;

    private static void FillHoles(byte[] mask, int w, int h)
    {
        var inv = new byte[mask.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            inv[i] = mask[i] == 0 ? (byte)255 : (byte)0;
        }

        var labels = new int[mask.Length];
        var stats = ConnectedComponents.LabelWithStats(inv, w, h, labels, Connectivity.Four);
        var frame = new long[stats.Length + 1];
        var treated = new long[stats.Length + 1];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int l = labels[(y * w) + x];
                if (l <= 0)
                {
                    continue;
                }

                frame[l] += (x == 0 ? 1 : 0) + (x == w - 1 ? 1 : 0) + (y == 0 ? 1 : 0) + (y == h - 1 ? 1 : 0);
                treated[l] += (x > 0 && mask[(y * w) + x - 1] != 0 ? 1 : 0) + (x < w - 1 && mask[(y * w) + x + 1] != 0 ? 1 : 0)
                    + (y > 0 && mask[((y - 1) * w) + x] != 0 ? 1 : 0) + (y < h - 1 && mask[((y + 1) * w) + x] != 0 ? 1 : 0);
            }
        }

        var hole = new bool[stats.Length + 1];
        foreach (var s in stats)
        {
            hole[s.Label] = frame[s.Label] == 0 || treated[s.Label] > FrameCutHoleContactRatio * frame[s.Label];
        }

        for (int i = 0; i < mask.Length; i++)
        {
            if (labels[i] > 0 && hole[labels[i]])
            {
                mask[i] = 255;
            }
        }
    }
}
