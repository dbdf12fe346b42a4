using ProgressVision.Imaging.Codecs.Jpeg.Encoder;

namespace ProgressVision.Imaging.Tests.Codecs.Jpeg.Encoder;

public class JpegEncoderColorTests
{
    [Fact]
    public void Primaries_and_greys_give_the_JFIF_values()
    {
        // T.871 §7: Y = 0.299 R + 0.587 G + 0.114 B, Cb = −0.1687 R − 0.3313 G + 0.5 B, Cr = 0.5 R − 0.4187 G − 0.0813 B;
        // Y level-shifted by −128. Hand-computed for white, black, pure red, green and blue, and mid grey.
        byte[] rgb = [255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128];
        double[][] expected =
        [
            [127, 0, 0], [-128, 0, 0],
            [(0.299 * 255) - 128, -0.168735892 * 255, 0.5 * 255],
            [(0.587 * 255) - 128, -0.331264108 * 255, -0.418687589 * 255],
            [(0.114 * 255) - 128, 0.5 * 255, -0.081312411 * 255],
            [0, 0, 0],
        ];
        var y = new float[6];
        var cb = new float[6];
        var cr = new float[6];
        JpegEncoderColor.RgbToYCbCr(rgb, y, cb, cr);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i][0], y[i], 1e-3);
            Assert.Equal(expected[i][1], cb[i], 1e-3);
            Assert.Equal(expected[i][2], cr[i], 1e-3);
        }
    }

    [Trait("Category", "KernelEquivalence")]
    [Fact]
    public void Vector_conversion_equals_the_scalar_reference_bit_for_bit_at_every_width()
    {
        var rng = new Random(871);
        foreach (int w in Enumerable.Range(1, 67).Concat([255, 256, 257, 600]))
        {
            var rgb = new byte[3 * w];
            rng.NextBytes(rgb);
            var (y, cb, cr) = (new float[w], new float[w], new float[w]);
            var (ry, rcb, rcr) = (new float[w], new float[w], new float[w]);
            JpegEncoderColor.RgbToYCbCr(rgb, y, cb, cr);
            JpegEncoderColor.RgbToYCbCrScalar(rgb, ry, rcb, rcr);
            for (int x = 0; x < w; x++)
            {
                Assert.True(
                    BitConverter.SingleToInt32Bits(y[x]) == BitConverter.SingleToInt32Bits(ry[x]) &&
                    BitConverter.SingleToInt32Bits(cb[x]) == BitConverter.SingleToInt32Bits(rcb[x]) &&
                    BitConverter.SingleToInt32Bits(cr[x]) == BitConverter.SingleToInt32Bits(rcr[x]),
                    $"w {w}, x {x}: ({y[x]}, {cb[x]}, {cr[x]}) vs ({ry[x]}, {rcb[x]}, {rcr[x]})");
            }
        }
    }

    [Fact]
    public void Refuses_mismatched_lengths()
    {
        Assert.Throws<ArgumentException>(() => JpegEncoderColor.RgbToYCbCr(new byte[9], new float[3], new float[3], new float[2]));
        Assert.Throws<ArgumentException>(() => JpegEncoderColor.RgbToYCbCr(new byte[8], new float[3], new float[3], new float[3]));
    }
}
