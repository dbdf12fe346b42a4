using ProgressVision.Analysis.Segmentation;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Dots;

/// <summary>
/// Finds pigment dots: dark, small, round blobs on illumination-normalised luminance.
/// </summary>
/// <remarks>
/// Steps: (1) skin luminance per block → darkness 1 − L/L_skin (lighting- and skin-tone-invariant);
/// (2) DoG scale space, three scales per octave, extrema with sub-pixel/sub-scale refinement and
/// SIFT's curvature-ratio test against elongated structures; (3) non-maximum suppression between
/// overlapping detections; (4) radial profile for contrast and half-depth radius; (5) rejection of
/// blobs on oriented texture (hair: structure-tensor coherence), too big, or far darker and larger
/// than the dot population (moles). Glints are bright and never become dark blobs; the darkness
/// plane clips them so their surroundings cannot either.
/// </remarks>
public sealed class DotDetector
{
    /// <summary>Creates a detector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public DotDetector(DotDetectionOptions? options = null)
    {
        Options = options ?? new DotDetectionOptions();
        Options.Validate();
    }

    /// <summary>The detector's options.</summary>
    public DotDetectionOptions Options { get; }

    /// <summary>
    /// Detects dots in an 8-bit gray or RGB photo. With a <paramref name="mask"/>, dots on
    /// background are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">Not 1 or 3 channels, or a mask for another image size.</exception>
    public IReadOnlyList<PigmentDot> Detect(PixelBuffer<byte> image, ScalpMask? mask = null)
    {
        var planes = DarknessPlanes.Compute(image, Options);
        return Detect(planes, mask);
    }

    /// <summary>Detects dots on precomputed darkness planes (shared with segmentation).</summary>
    public IReadOnlyList<PigmentDot> Detect(DarknessPlanes planes, ScalpMask? mask = null)
    {
        ArgumentNullException.ThrowIfNull(planes);
        if (mask is not null && (mask.ImageWidth != planes.Width || mask.ImageHeight != planes.Height))
        {
            throw new ArgumentException($"Mask for {mask.ImageWidth}x{mask.ImageHeight} does not fit a {planes.Width}x{planes.Height} image.", nameof(mask));
        }

        var o = Options;
        int w = planes.Width, h = planes.Height;
        double noise = planes.Noise;

        // White-noise gain of each DoG level halves per octave in 2-D (the same kernel spans
        // 2^o photo pixels); the threshold is the larger of the absolute floor and k·noise·gain.
        var gains = DogNoiseGains();
        var candidates = ScaleSpaceBlobs.Detect(planes.Darkness, w, h, o.Octaves, o.MaxCurvatureRatio,
            (oct, j) => Math.Max(o.MinResponse, o.NoiseFactor * noise * gains[j] / (1 << oct)));

        double rMin = o.MinRadius, rMax = o.MaxRadius;
        candidates.RemoveAll(c => c.Sigma * Math.Sqrt(2) > 1.6 * rMax || c.X < 0 || c.Y < 0 || c.X > w - 1 || c.Y > h - 1);
        candidates.Sort((a, b) => b.Response.CompareTo(a.Response));
        var kept = Suppress(candidates);

        var measured = new PigmentDot[kept.Count];
        var ok = new bool[kept.Count];
        Parallel.For(0, kept.Count, i =>
        {
            var c = kept[i];
            if (mask is not null && mask.LabelAt(c.X, c.Y) == ScalpLabel.Background)
            {
                return;
            }

            if (planes.Coherence.At(c.X, c.Y) > o.MaxCoherence)
            {
                return;
            }

            if (!DotProfile.Measure(planes.Darkness, w, h, c.X, c.Y, c.Sigma * Math.Sqrt(2), out double contrast, out double radius))
            {
                return;
            }

            if (contrast < o.MinContrast || radius < rMin * 0.5 || radius > rMax)
            {
                return;
            }

            measured[i] = new PigmentDot(c.X, c.Y, Math.Max(radius, rMin), contrast, c.Response);
            ok[i] = true;
        });

        var dots = new List<PigmentDot>(kept.Count);
        for (int i = 0; i < measured.Length; i++)
        {
            if (ok[i])
            {
                dots.Add(measured[i]);
            }
        }

        return RejectMoles(dots);
    }

    // Greedy non-maximum suppression, strongest first: a weaker detection whose centre lies inside
    // 0.8× the larger radius of a stronger one is the same dot seen at a neighbouring scale.
    private static List<BlobCandidate> Suppress(List<BlobCandidate> sorted)
    {
        const int Cell = 16;
        var grid = new Dictionary<long, List<int>>();
        var kept = new List<BlobCandidate>(sorted.Count);
        foreach (var c in sorted)
        {
            double rc = c.Sigma * Math.Sqrt(2);
            int cx = (int)(c.X / Cell), cy = (int)(c.Y / Cell);
            int reach = 1 + (int)(rc * 2 / Cell);
            bool clash = false;
            for (int gy = cy - reach; gy <= cy + reach && !clash; gy++)
            {
                for (int gx = cx - reach; gx <= cx + reach && !clash; gx++)
                {
                    if (!grid.TryGetValue(((long)gy << 32) ^ (uint)gx, out var list))
                    {
                        continue;
                    }

                    foreach (int k in list)
                    {
                        var s = kept[k];
                        double lim = 0.8 * Math.Max(rc, s.Sigma * Math.Sqrt(2));
                        double dx = s.X - c.X, dy = s.Y - c.Y;
                        if ((dx * dx) + (dy * dy) < lim * lim)
                        {
                            clash = true;
                            break;
                        }
                    }
                }
            }

            if (clash)
            {
                continue;
            }

            long key = ((long)cy << 32) ^ (uint)cx;
            if (!grid.TryGetValue(key, out var l))
            {
                grid[key] = l = [];
            }

            l.Add(kept.Count);
            kept.Add(c);
        }

        return kept;
    }

    // Moles: far darker than the dot population AND clearly larger than a typical dot.
    private List<PigmentDot> RejectMoles(List<PigmentDot> dots)
    {
        if (dots.Count < 20)
        {
            return dots;
        }

        var c = dots.Select(d => d.Contrast).Order().ToArray();
        var r = dots.Select(d => d.Radius).Order().ToArray();
        double medC = c[c.Length / 2], medR = r[r.Length / 2];
        var dev = c.Select(v => Math.Abs(v - medC)).Order().ToArray();
        double mad = Math.Max(0.01, dev[dev.Length / 2]);
        double limC = medC + (Options.MoleContrastMads * mad);
        dots.RemoveAll(d => d.Contrast > limC && d.Radius > 1.5 * medR);
        return dots;
    }

    // L2 norm of each 2-D DoG kernel of octave 0: the standard deviation of its response to unit white noise.
    private static double[] DogNoiseGains()
    {
        double k = Math.Pow(2, 1.0 / 3);
        var gains = new double[5];
        for (int j = 0; j < 5; j++)
        {
            double s1 = Math.Pow(k, j), s2 = s1 * k;

            // For sampled Gaussians ∑g² ≈ 1/(2√π σ) per axis; 2-D cross terms ∑g1g2 ≈ 1/√(2π(σ1²+σ2²)).
            double a = 1 / (2 * Math.Sqrt(Math.PI) * s1), b = 1 / (2 * Math.Sqrt(Math.PI) * s2), c = 1 / Math.Sqrt(2 * Math.PI * ((s1 * s1) + (s2 * s2)));
            gains[j] = Math.Sqrt(Math.Max(1e-12, (a * a) - (2 * c * c) + (b * b)));
        }

        return gains;
    }
}
