using ProgressVision.Analysis.Dots;

namespace ProgressVision.Analysis.Tests.Dots;

public class SeparableGaussianTests
{
    [Theory]
    [InlineData(1, 1, 1.0)]
    [InlineData(2, 3, 0.8)]
    [InlineData(37, 23, 1.94)]
    [InlineData(64, 301, 1.73)]
    [InlineData(333, 45, 3.5)]
    public void Half_size_blur_is_every_other_pixel_of_the_full_blur(int w, int h, double sigma)
    {
        var rng = new Random((w * 1000) + h);
        var src = new float[w * h];
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = (float)rng.NextDouble();
        }

        // Oracle: the full-size blur, then subsampling (what the decimation step did before).
        var full = new float[w * h];
        SeparableGaussian.BlurPlane(src, full, w, h, sigma);
        int nw = (w + 1) / 2, nh = (h + 1) / 2;
        var half = new float[nw * nh];
        SeparableGaussian.BlurHalf(src, w, h, sigma, half);
        for (int y = 0; y < nh; y++)
        {
            for (int x = 0; x < nw; x++)
            {
                Assert.Equal(full[(2 * y * w) + (2 * x)], half[(y * nw) + x]);
            }
        }
    }

    [Trait("Category", "KernelEquivalence")]
    [Theory]
    [InlineData(0.8)]
    [InlineData(1.6)]
    [InlineData(16.0)]
    [InlineData(50.3)]
    public void Row_filters_match_their_scalar_references_exactly_and_each_other_to_rounding(double sigma)
    {
        var k = SeparableGaussian.Kernel(sigma);
        int r = k.Length / 2;
        var rng = new Random((int)(sigma * 10));
        for (int w = 1; w <= 67; w++)
        {
            var row = new float[w];
            for (int x = 0; x < w; x++)
            {
                row[x] = (float)rng.NextDouble();
            }

            var fast = new float[w];
            var plain = new float[w];
            var pad = new float[w + (2 * r)];
            SeparableGaussian.HorizontalSymmetric(row, fast, pad, k);

            // The scalar reference over the same padded row (the pad is what HorizontalSymmetric left in it).
            var reference = new float[w];
            SeparableGaussian.HorizontalSymmetricScalar(pad, reference, 0, w, k);
            var plainPad = new float[w + k.Length];
            SeparableGaussian.Horizontal(row, plain, plainPad, k);
            var plainReference = new float[w];
            SeparableGaussian.HorizontalScalar(plainPad, plainReference, 0, w, k);
            for (int x = 0; x < w; x++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(reference[x]) == BitConverter.SingleToInt32Bits(fast[x]), $"σ {sigma}, w {w}, x {x}: {reference[x]} vs {fast[x]}");
                Assert.True(BitConverter.SingleToInt32Bits(plainReference[x]) == BitConverter.SingleToInt32Bits(plain[x]), $"plain σ {sigma}, w {w}, x {x}: {plainReference[x]} vs {plain[x]}");
                Assert.Equal(plain[x], fast[x], 2e-6f);
            }
        }
    }

    [Trait("Category", "KernelEquivalence")]
    [Theory]
    [InlineData(0.8, 1)]
    [InlineData(1.6, 5)]
    [InlineData(3.5, 23)]
    [InlineData(40.0, 9)]
    public void Vertical_pass_matches_its_scalar_reference_bit_for_bit_at_every_width_and_row(double sigma, int rows)
    {
        var k = SeparableGaussian.Kernel(sigma);
        var rng = new Random(rows + (int)(sigma * 10));
        for (int w = 1; w <= 67; w++)
        {
            var block = new float[w * rows];
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = (float)(rng.NextDouble() * 2) - 0.5f;
            }

            for (int y = 0; y < rows; y++)
            {
                var fast = new float[w];
                var reference = new float[w];
                SeparableGaussian.Vertical(block, fast, w, rows, y, k);
                SeparableGaussian.VerticalScalar(block, reference, w, rows, y, k);
                for (int x = 0; x < w; x++)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(reference[x]) == BitConverter.SingleToInt32Bits(fast[x]), $"σ {sigma}, w {w}, y {y}, x {x}: {reference[x]} vs {fast[x]}");
                }
            }
        }
    }

    [Fact]
    public void Vertical_pass_of_a_column_ramp_keeps_the_ramp_inside_and_replicates_the_end_rows()
    {
        // Hand-computable truth: a symmetric normalised kernel maps a linear ramp onto itself where it
        // does not reach the block's ends; at row 0 every tap above reads row 0 (value 0).
        const int w = 11, rows = 30;
        var block = new float[w * rows];
        for (int y = 0; y < rows; y++)
        {
            block.AsSpan(y * w, w).Fill(y);
        }

        var k = SeparableGaussian.Kernel(2.0);
        int r = k.Length / 2;
        var outRow = new float[w];
        for (int y = r; y < rows - r; y++)
        {
            SeparableGaussian.Vertical(block, outRow, w, rows, y, k);
            Assert.All(outRow, v => Assert.Equal(y, v, 1e-4));
        }

        SeparableGaussian.Vertical(block, outRow, w, rows, 0, k);
        double expected = 0;
        for (int i = r + 1; i < k.Length; i++)
        {
            expected += k[i] * (i - r);
        }

        Assert.All(outRow, v => Assert.Equal(expected, v, 1e-5));
    }

    [Fact]
    public void Vertical_pass_refuses_short_buffers_and_rows_outside_the_block()
    {
        var k = SeparableGaussian.Kernel(1.0);
        Assert.Throws<ArgumentException>(() => SeparableGaussian.Vertical(new float[10 * 4 - 1], new float[10], 10, 4, 0, k));
        Assert.Throws<ArgumentException>(() => SeparableGaussian.Vertical(new float[10 * 4], new float[9], 10, 4, 0, k));
        Assert.Throws<ArgumentException>(() => SeparableGaussian.Vertical(new float[10 * 4], new float[10], 10, 4, 4, k));
    }

    [Fact]
    public void Symmetric_row_filter_refuses_short_buffers_and_even_kernels()
    {
        var k = SeparableGaussian.Kernel(2.0);
        Assert.Throws<ArgumentException>(() => SeparableGaussian.HorizontalSymmetric(new float[10], new float[9], new float[10 + k.Length], k));
        Assert.Throws<ArgumentException>(() => SeparableGaussian.HorizontalSymmetric(new float[10], new float[10], new float[9 + k.Length - 1], k));
        Assert.Throws<ArgumentException>(() => SeparableGaussian.HorizontalSymmetric(new float[10], new float[10], new float[20], new float[4]));
    }

    [Fact]
    public void Full_blur_of_a_ramp_keeps_the_ramp_inside_and_flattens_at_replicated_borders()
    {
        // Independent check of the reference itself: a symmetric normalised kernel maps a linear
        // ramp onto itself wherever the kernel does not reach the border.
        const int w = 40, h = 9;
        var src = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                src[(y * w) + x] = x;
            }
        }

        var dst = new float[w * h];
        SeparableGaussian.BlurPlane(src, dst, w, h, 2.0);
        int r = SeparableGaussian.Kernel(2.0).Length / 2;
        for (int x = r; x < w - r; x++)
        {
            Assert.Equal(x, dst[(4 * w) + x], 1e-4);
        }

        Assert.True(dst[4 * w] > 0, "left border: replicated zeros and the ramp average above zero");
    }
}
