using ProgressVision.Analysis.Healing;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>
/// <see cref="RednessField"/> on a drawn pair: even skin (200,160,140) with one red patch (220,150,140) exactly one
/// window in size, and a strip outside the photos. The patch's a* rise over the skin comes from Debian's OpenCV
/// (cv2.cvtColor RGB→Lab on float input, via /usr/bin/python3); window means follow from the share of the window the
/// patch covers.
/// </summary>
public class RednessFieldTests
{
    private static readonly byte[] Skin = [200, 160, 140];
    private static readonly byte[] Patch = [220, 150, 140];

    [Fact]
    public void Windows_average_skin_redness_and_skip_what_lies_outside_the_photos()
    {
        // 256×256 photo → 128×128 model planes; the patch is photo [128,192)×[0,64) = plane window (64, 0);
        // photo x ≥ 208 (plane x ≥ 104) is outside the photos.
        using var before = Fill(256, 256, (_, _) => Skin);
        using var after = Fill(256, 256, (x, y) => x >= 128 && x < 192 && y < 64 ? Patch : Skin);
        using var valid = new PixelBuffer<byte>(256, 256, 1);
        for (int y = 0; y < 256; y++)
        {
            for (int x = 0; x < 208; x++)
            {
                valid[x, y] = 1;
            }
        }

        using var sampler = new HealingTileSampler(before, after, valid);
        var field = new RednessField(sampler);
        double rise = OpenCvRise();
        Assert.True(rise > 10, $"oracle rise {rise}");
        Assert.Equal(rise, field.Mean(64, 0), 0.1);           // the patch fills the window
        Assert.Equal(rise / 2, field.Mean(48, 0), 0.1);       // half of it
        Assert.Equal(rise / 4, field.Mean(48, 16), 0.1);      // a quarter
        Assert.Equal(0, field.Mean(0, 64), 0.05);             // plain skin: the skin reference itself
        Assert.True(double.IsNaN(field.Mean(96, 0)), "a window mostly outside the photos holds too little skin to measure");
        Assert.Equal(rise, field.Peak([(32, 0)]), 0.1);       // the tile [32,96)×[0,64) holds the patch whole
        Assert.Equal(0, field.Peak([(0, 0)]), 0.05);           // the tile [0,64)² beside it does not see it
        // Tiles (32,0) and (64,0) share two windows; of the six distinct ones, the two at x = 96 are mostly outside.
        var windows = field.Windows([(32, 0), (64, 0)]);
        Assert.Equal([(32, 0), (32, 32), (64, 0), (64, 32)], windows.Select(w => (w.X, w.Y)).OrderBy(w => w).ToArray());
    }

    [Fact]
    public void Skin_whose_colour_the_camera_clipped_is_not_measured()
    {
        // Over-exposed light skin: red at 255 everywhere, and in one window green and blue a little lower (skin a little
        // darker there). With the red clipped the colour reads redder there (a* from green and blue alone); it is not
        // the skin's colour. Photo [128,192)×[0,64) is plane window (64, 0).
        byte[] clippedSkin = [255, 220, 205], clippedDarker = [255, 200, 185];
        using var before = Fill(256, 256, (_, _) => Skin);
        using var after = Fill(256, 256, (x, y) => x >= 128 && x < 192 && y < 64 ? clippedDarker : clippedSkin);
        using var valid = new PixelBuffer<byte>(256, 256, 1);
        valid.Span.Fill(1);
        using var sampler = new HealingTileSampler(before, after, valid);
        Assert.True(new RednessField(sampler).Mean(64, 0) > 2, "unmasked, the clipped window reads as redness");
        var clipped = ClippedColour.PlaneMask(after, sampler.Width, sampler.Height);
        Assert.All(clipped, c => Assert.Equal(1, c));
        var field = new RednessField(sampler, clipped);
        Assert.True(double.IsNaN(field.Mean(64, 0)), "a clipped window holds no measurable skin");
        Assert.True(double.IsNaN(field.Peak([(32, 0)])));
    }

    [Fact]
    public void A_clipped_channel_marks_its_whole_plane_block()
    {
        // 6×4 photo → 3×2 plane; one channel at the clipping level marks its 2×2 block, one below it does not.
        using var rgb = Fill(6, 4, (_, _) => Skin);
        rgb[3, 0, 2] = ClippedColour.Level;          // photo (3, 0) → plane (1, 0)
        rgb[4, 3, 0] = ClippedColour.Level - 1;      // photo (4, 3) → plane (2, 1): not clipped
        rgb[0, 3, 1] = 255;                          // photo (0, 3) → plane (0, 1)
        Assert.Equal(new byte[] { 0, 1, 0, 1, 0, 0 }, ClippedColour.PlaneMask(rgb, 3, 2));
    }

    private static PixelBuffer<byte> Fill(int w, int h, Func<int, int, byte[]> color)
    {
        var b = new PixelBuffer<byte>(w, h, 3);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                var c = color(x, y);
                b[x, y, 0] = c[0];
                b[x, y, 1] = c[1];
                b[x, y, 2] = c[2];
            }
        }

        return b;
    }

    private static double OpenCvRise() =>
        DebianPython.Doubles(string.Join('\n',
            "import numpy as np, cv2",
            "lab = cv2.cvtColor(np.array([[[200, 160, 140], [220, 150, 140]]], np.float32) / 255, cv2.COLOR_RGB2Lab)",
            "print(repr(float(lab[0, 1, 1] - lab[0, 0, 1])))")).Single();
}
