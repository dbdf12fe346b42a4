using ProgressVision.Imaging.Buffers;
using ProgressVision.Imaging.Drawing;

namespace ProgressVision.Imaging.Tests.Drawing;

/// <summary>Filled rectangles: clipped to the image and alpha-blended with round-half-up, checked against hand-computed pixels.</summary>
public sealed class Rgb24CanvasFillTests
{
    [Fact]
    public void Fill_blends_only_the_covered_pixels_inside_the_image()
    {
        var img = new PixelBuffer<byte>(4, 3, 3);
        img.Span.Fill(100);

        // Columns (int)-1.5 = -1 .. ceil(1.5) = 2 exclusive → 0 and 1 inside the image;
        // rows 1 .. ceil(6) = 6 exclusive → 1 and 2 inside the image.
        new Rgb24Canvas(img).Fill(-1.5, 1, 3, 5, 200, 0, 40, 0.25f);

        for (int y = 0; y < 3; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                bool covered = y >= 1 && x <= 1;
                var px = img.Row(y).Slice(3 * x, 3);
                // By hand: 100·0.75 + 200·0.25 = 125, 100·0.75 + 0 = 75, 100·0.75 + 40·0.25 = 85 (+0.5, truncated).
                Assert.Equal(covered ? new byte[] { 125, 75, 85 } : [100, 100, 100], px.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(0.45f, 200, 17, 90)]
    [InlineData(0.25f, 0, 255, 128)]
    [InlineData(1f, 3, 4, 5)]
    public void Large_fill_blends_every_byte_value_as_the_round_half_up_formula(float alpha, byte r, byte g, byte b)
    {
        // 64×32 pixels (past the table threshold of 512) whose channels take every byte value; expected bytes
        // from the blend formula written out here: trunc(old·(1−α) + colour·α + ½) in float.
        const int w = 64, h = 32;
        var img = new PixelBuffer<byte>(w, h, 3);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    img[x, y, c] = (byte)((x + (7 * y) + (85 * c)) & 255);
                }
            }
        }

        var before = img.Clone();
        new Rgb24Canvas(img).Fill(0, 0, w, h, r, g, b, alpha);
        byte[] colour = [r, g, b];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    byte old = before[x, y, c];
                    byte expected = (byte)(int)((old * (1 - alpha)) + (colour[c] * alpha) + 0.5f);
                    Assert.True(expected == img[x, y, c], $"({x},{y},{c}) old {old}: expected {expected}, got {img[x, y, c]}");
                }
            }
        }
    }

    [Fact]
    public void Fill_entirely_outside_the_image_changes_nothing()
    {
        var img = new PixelBuffer<byte>(3, 2, 3);
        img.Span.Fill(7);
        var canvas = new Rgb24Canvas(img);
        canvas.Fill(5, 0, 4, 4, 255, 255, 255, 1f);
        canvas.Fill(0, -9, 3, 4, 255, 255, 255, 1f);
        Assert.All(img.Span.ToArray(), v => Assert.Equal(7, v));
    }
}
