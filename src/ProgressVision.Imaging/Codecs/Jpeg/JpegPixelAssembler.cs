using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// Turns inverse-transformed component planes into output pixels: chroma upsampling and the JFIF
/// YCbCr→RGB conversion, both matching libjpeg-turbo's defaults (jdsample.c "fancy" triangle
/// filters for 2:1 ratios, box replication otherwise; jdcolor.c fixed-point conversion), so the
/// result equals <c>djpeg</c>'s.
/// </summary>
internal static class JpegPixelAssembler
{
    private enum Upsampler
    {
        FullSize,
        H2V1Fancy,
        H1V2Fancy,
        H2V2Fancy,
        Box,
    }

    /// <summary>Builds the output image from the decoded planes of <paramref name="core"/>.</summary>
    public static PixelBuffer<byte> Assemble(JpegDecoderCore core)
    {
        var comps = core.Components;
        int minS = core.MinScaledSize;
        int outW = (int)(((long)core.Width * minS + 7) / 8);
        int outH = (int)(((long)core.Height * minS + 7) / 8);
        var output = new PixelBuffer<byte>(outW, outH, comps.Length == 1 ? 1 : 3, clear: false);
        try
        {
            if (comps.Length == 1)
            {
                var c = comps[0];
                for (int y = 0; y < outH; y++)
                {
                    c.Plane.AsSpan(y * c.PlaneStride, outW).CopyTo(output.Row(y));
                }

                return output;
            }

            // Fancy upsampling needs at least 2 samples per block edge (libjpeg: min_DCT_scaled_size > 1).
            bool fancy = minS > 1;
            var kinds = new Upsampler[3];
            var hExp = new int[3];
            var vExp = new int[3];
            for (int i = 0; i < 3; i++)
            {
                var c = comps[i];
                int hIn = c.H * c.ScaledBlockSize / minS;
                int vIn = c.V * c.ScaledBlockSize / minS;
                if (hIn == 0 || vIn == 0 || core.MaxH % hIn != 0 || core.MaxV % vIn != 0)
                {
                    JpegThrowHelper.ThrowUnsupported(core.FileName, $"fractional sampling ratio (component {c.Id}: {c.H}x{c.V} of {core.MaxH}x{core.MaxV})");
                }

                hExp[i] = core.MaxH / hIn;
                vExp[i] = core.MaxV / vIn;
                kinds[i] = (hExp[i], vExp[i]) switch
                {
                    (1, 1) => Upsampler.FullSize,
                    (2, 1) when fancy && c.DownsampledWidth > 2 => Upsampler.H2V1Fancy,
                    (1, 2) when fancy => Upsampler.H1V2Fancy,
                    (2, 2) when fancy && c.DownsampledWidth > 2 => Upsampler.H2V2Fancy,
                    _ => Upsampler.Box,
                };
            }

            int tempLength = outW + 64;
            byte[] temp0 = new byte[tempLength];
            byte[] temp1 = new byte[tempLength];
            byte[] temp2 = new byte[tempLength];
            short[] colSums = new short[tempLength];
            bool rgb = core.IsRgb;
            for (int y = 0; y < outH; y++)
            {
                var r0 = UpsampleRow(comps[0], kinds[0], hExp[0], vExp[0], y, outW, temp0, colSums);
                var r1 = UpsampleRow(comps[1], kinds[1], hExp[1], vExp[1], y, outW, temp1, colSums);
                var r2 = UpsampleRow(comps[2], kinds[2], hExp[2], vExp[2], y, outW, temp2, colSums);
                if (rgb)
                {
                    JpegColorConverter.InterleaveRgb(r0, r1, r2, output.Row(y));
                }
                else
                {
                    JpegColorConverter.YCbCrToRgb(r0, r1, r2, output.Row(y));
                }
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private static ReadOnlySpan<byte> UpsampleRow(JpegComponent c, Upsampler kind, int hExp, int vExp, int y, int outW, byte[] temp, short[] colSums)
    {
        byte[] plane = c.Plane!;
        int stride = c.PlaneStride;
        int dw = c.DownsampledWidth;
        switch (kind)
        {
            case Upsampler.FullSize:
                return plane.AsSpan(y * stride, outW);

            case Upsampler.H2V1Fancy:
                JpegUpsampler.H2V1Fancy(plane.AsSpan(y * stride, dw), temp);
                return temp.AsSpan(0, outW);

            case Upsampler.H1V2Fancy:
            {
                // Nearest input row counts 3/4, the next-nearest (above for even outputs, below for odd) 1/4.
                int iy = y >> 1;
                int ny = Math.Clamp((y & 1) == 0 ? iy - 1 : iy + 1, 0, c.DownsampledHeight - 1);
                var near = plane.AsSpan(iy * stride, dw);
                var far = plane.AsSpan(ny * stride, dw);
                int bias = (y & 1) == 0 ? 1 : 2;
                for (int x = 0; x < dw; x++)
                {
                    temp[x] = (byte)(((near[x] * 3) + far[x] + bias) >> 2);
                }

                return temp.AsSpan(0, outW);
            }

            case Upsampler.H2V2Fancy:
            {
                int iy = y >> 1;
                int ny = Math.Clamp((y & 1) == 0 ? iy - 1 : iy + 1, 0, c.DownsampledHeight - 1);
                JpegUpsampler.H2V2Fancy(plane.AsSpan(iy * stride, dw), plane.AsSpan(ny * stride, dw), temp, colSums);
                return temp.AsSpan(0, outW);
            }

            default:
            {
                var src = plane.AsSpan((y / vExp) * stride, dw);
                for (int x = 0; x < outW; x++)
                {
                    temp[x] = src[x / hExp];
                }

                return temp.AsSpan(0, outW);
            }
        }
    }
}
