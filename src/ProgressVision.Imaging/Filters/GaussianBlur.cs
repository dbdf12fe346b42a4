using System.Runtime.InteropServices;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Filters;

/// <summary>
/// Separable Gaussian blur with OpenCV's conventions: BORDER_REFLECT_101 borders, and for a given σ the
/// same kernel as <c>cv::GaussianBlur(src, dst, Size(0, 0), σ)</c> — size round(8σ+1)|1 for float images
/// and round(6σ+1)|1 for 8-bit images, taps exp(−x²/2σ²) normalised to sum 1.
/// </summary>
/// <remarks>
/// Each output row is the vertical pass over 2r+1 source rows (vectorised across the row) followed by
/// the horizontal pass over that one row, so no full-size intermediate image is needed and row bands
/// can run in parallel. Interleaved images (e.g. RGB) are blurred per channel in one go: on the flat
/// row the horizontal taps are simply <c>channels</c> elements apart.
/// </remarks>
public static partial class GaussianBlur
{
    /// <summary>
    /// Normalised 1-D kernel for float images: length round(8σ+1)|1 (radius ≈ 4σ, as OpenCV chooses for
    /// floating-point images).
    /// </summary>
    public static float[] Kernel(float sigma) => Kernel(sigma, KernelRadius(sigma, forBytes: false));

    /// <summary>
    /// Kernel radius OpenCV picks for σ: ksize = cvRound(σ·(bytes ? 3 : 4)·2 + 1) | 1 (imgproc smooth.dispatch.cpp,
    /// createGaussianKernels), radius = ksize / 2.
    /// </summary>
    public static int KernelRadius(float sigma, bool forBytes)
    {
        if (!(sigma > 0) || float.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), $"Gaussian σ must be positive and finite, got {sigma}.");
        }

        // cvRound is round-half-to-even on doubles; Math.Round's default is the same.
        int ksize = (int)Math.Round((double)sigma * (forBytes ? 3 : 4) * 2 + 1) | 1;
        return ksize / 2;
    }

    /// <summary>
    /// Normalised kernel of a chosen radius, computed like OpenCV's getGaussianKernel for CV_32F: taps in
    /// double, rounded to float, then scaled by 1/Σ(float taps) so the float taps sum to 1 within rounding.
    /// </summary>
    public static float[] Kernel(float sigma, int radius)
    {
        if (!(sigma > 0) || float.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), $"Gaussian σ must be positive and finite, got {sigma}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var k = new float[(2 * radius) + 1];
        double scale2 = -0.5 / ((double)sigma * sigma);
        double sum = 0;
        for (int i = 0; i < k.Length; i++)
        {
            double x = i - radius;
            k[i] = (float)Math.Exp(scale2 * x * x);
            sum += k[i];
        }

        double inv = 1.0 / sum;
        for (int i = 0; i < k.Length; i++)
        {
            k[i] = (float)(k[i] * inv);
        }

        return k;
    }

    /// <summary>
    /// Blurs an interleaved float image (<paramref name="channels"/> per pixel) into <paramref name="dst"/>
    /// on the calling thread. <paramref name="src"/> and <paramref name="dst"/> must not overlap.
    /// </summary>
    public static void Blur(ReadOnlySpan<float> src, int width, int height, int channels, Span<float> dst, float sigma)
    {
        Validate(src.Length, dst.Length, width, height, channels, src.Overlaps(dst));
        var k = Kernel(sigma);
        BlurRows(src, width, height, channels, dst, k, 0, height);
    }

    /// <summary>
    /// Blurs an interleaved 8-bit image (e.g. RGB) with the 8-bit kernel size in 16-bit fixed point: taps
    /// quantised to 1/256 exactly as OpenCV's bit-exact 8-bit Gaussian, exact integer sums, one rounding —
    /// the result is identical to <c>cv::GaussianBlur</c> on CV_8U (tested for σ 0.8 … 5.3).
    /// </summary>
    public static void Blur(ReadOnlySpan<byte> src, int width, int height, int channels, Span<byte> dst, float sigma)
    {
        Validate(src.Length, dst.Length, width, height, channels, src.Overlaps(dst));
        BlurRowsFixed(src, width, height, channels, dst, FixedKernel(sigma), 0, height);
    }

    /// <summary>Blurs <paramref name="src"/> into <paramref name="dst"/> (same shape; may not alias) on the calling thread.</summary>
    public static void Blur(PixelBuffer<float> src, PixelBuffer<float> dst, float sigma) => Blur(src, dst, sigma, 1);

    /// <summary>
    /// Blurs using up to <paramref name="maxDegreeOfParallelism"/> threads over row bands (−1 = all cores).
    /// Results are identical for every thread count: each output row depends only on the source.
    /// </summary>
    public static void Blur(PixelBuffer<float> src, PixelBuffer<float> dst, float sigma, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        if (!src.SameShape(dst))
        {
            throw new ArgumentException($"Blur needs two buffers of one shape, got {src} and {dst}.", nameof(dst));
        }

        Validate(src.Length, dst.Length, src.Width, src.Height, src.Channels, ReferenceEquals(src, dst));
        var k = Kernel(sigma);
        RowBands.Run(src.Height, maxDegreeOfParallelism, (y0, y1) => BlurRows(src.Span, src.Width, src.Height, src.Channels, dst.Span, k, y0, y1));
    }

    /// <summary>Allocating overload.</summary>
    public static PixelBuffer<float> Blur(PixelBuffer<float> src, float sigma)
    {
        ArgumentNullException.ThrowIfNull(src);
        var dst = new PixelBuffer<float>(src.Width, src.Height, src.Channels, clear: false);
        Blur(src, dst, sigma);
        return dst;
    }

    /// <summary>Blurs an 8-bit buffer (any channel count, e.g. RGB) into a new buffer.</summary>
    public static PixelBuffer<byte> Blur(PixelBuffer<byte> src, float sigma, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(src);
        var dst = new PixelBuffer<byte>(src.Width, src.Height, src.Channels, clear: false);
        var k = FixedKernel(sigma);
        RowBands.Run(src.Height, maxDegreeOfParallelism, (y0, y1) => BlurRowsFixed(src.Span, src.Width, src.Height, src.Channels, dst.Span, k, y0, y1));
        return dst;
    }

    /// <summary>
    /// Reference: horizontal pass into a full temporary, then vertical, plain scalar multiply-adds with
    /// explicit reflect-101 indices. The vector path sums in a different order (vertical first, FMA,
    /// mirrored taps paired) so agreement is to float rounding, not bit-exact.
    /// </summary>
    internal static void BlurScalar(ReadOnlySpan<float> src, int width, int height, int channels, Span<float> dst, float[] k)
    {
        int r = k.Length / 2, stride = width * channels;
        var tmp = new float[src.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    float acc = 0;
                    for (int i = -r; i <= r; i++)
                    {
                        acc += k[i + r] * src[(y * stride) + (Border.Reflect101(x + i, width) * channels) + c];
                    }

                    tmp[(y * stride) + (x * channels) + c] = acc;
                }
            }
        }

        for (int y = 0; y < height; y++)
        {
            for (int i = 0; i < stride; i++)
            {
                float acc = 0;
                for (int j = -r; j <= r; j++)
                {
                    acc += k[j + r] * tmp[(Border.Reflect101(y + j, height) * stride) + i];
                }

                dst[(y * stride) + i] = acc;
            }
        }
    }

    private static void Validate(int srcLength, int dstLength, int width, int height, int channels, bool overlap)
    {
        KernelGuard.Plane(srcLength, width, height, channels, "src");
        KernelGuard.SameLength(srcLength, dstLength, "src", "dst");
        if (overlap)
        {
            throw new ArgumentException("Gaussian blur cannot run in place: src and dst overlap.", "dst");
        }
    }
}
