using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>
/// Turns inverse-transformed component planes into output pixels: chroma upsampling and the JFIF
/// YCbCr→RGB conversion, both matching libjpeg-turbo's defaults (jdsample.c "fancy" triangle
/// filters for 2:1 ratios, box replication otherwise; jdcolor.c fixed-point conversion), so the
/// result equals <c>djpeg</c>'s. Rows are produced as soon as the planes hold the samples they need,
/// so a sequential decode converts each MCU row while it is still in cache.
/// </summary>
internal sealed class JpegPixelAssembler : IDisposable
{
    private readonly JpegComponent[] _comps;
    private readonly Upsampler[] _kinds;
    private readonly int[] _hExp;
    private readonly int[] _vExp;
    private readonly byte[][] _temp;
    private readonly short[] _colSums;
    private readonly bool _rgb;
    private readonly int _outW;
    private readonly int _outH;
    private PixelBuffer<byte>? _output;
    private int _rowsDone;

    /// <summary>Checks the sampling ratios are supported and sets up; the output buffer is allocated on first use.</summary>
    public JpegPixelAssembler(JpegDecoderCore core)
    {
        _comps = core.Components;
        int minS = core.MinScaledSize;
        _outW = (int)((((long)core.Width * minS) + 7) / 8);
        _outH = (int)((((long)core.Height * minS) + 7) / 8);
        _rgb = core.IsRgb;
        int n = _comps.Length;
        _kinds = new Upsampler[n];
        _hExp = new int[n];
        _vExp = new int[n];
        _temp = new byte[n][];
        _colSums = new short[_outW + 64];

        // Fancy upsampling needs at least 2 samples per block edge (libjpeg: min_DCT_scaled_size > 1).
        bool fancy = minS > 1;
        for (int i = 0; i < n; i++)
        {
            var c = _comps[i];
            int hIn = c.H * c.ScaledBlockSize / minS;
            int vIn = c.V * c.ScaledBlockSize / minS;
            if (hIn == 0 || vIn == 0 || core.MaxH % hIn != 0 || core.MaxV % vIn != 0)
            {
                JpegThrowHelper.ThrowUnsupported(core.FileName, $"fractional sampling ratio (component {c.Id}: {c.H}x{c.V} of {core.MaxH}x{core.MaxV})");
            }

            _hExp[i] = core.MaxH / hIn;
            _vExp[i] = core.MaxV / vIn;
            _kinds[i] = (_hExp[i], _vExp[i]) switch
            {
                (1, 1) => Upsampler.FullSize,
                (2, 1) when fancy && c.DownsampledWidth > 2 => Upsampler.H2V1Fancy,
                (1, 2) when fancy => Upsampler.H1V2Fancy,
                (2, 2) when fancy && c.DownsampledWidth > 2 => Upsampler.H2V2Fancy,
                _ => Upsampler.Box,
            };
            _temp[i] = _kinds[i] == Upsampler.FullSize ? [] : new byte[_outW + 64];
        }
    }

    private enum Upsampler
    {
        FullSize,
        H2V1Fancy,
        H1V2Fancy,
        H2V2Fancy,
        Box,
    }

    /// <summary>
    /// Converts every output row whose samples are available when each component has
    /// <paramref name="decodedRows"/>(component) sample rows decoded in its plane.
    /// </summary>
    public void AssembleAvailable(Func<JpegComponent, int> decodedRows)
    {
        int limit = _outH;
        for (int i = 0; i < _comps.Length; i++)
        {
            var c = _comps[i];
            int r = decodedRows(c);
            if (r >= c.DownsampledHeight)
            {
                continue;
            }

            // A vertically fancy-upsampled odd output row also needs the input row below its own.
            int available = _kinds[i] is Upsampler.H1V2Fancy or Upsampler.H2V2Fancy ? (2 * r) - 1 : r * _vExp[i];
            limit = Math.Min(limit, Math.Max(0, available));
        }

        AssembleUpTo(limit);
    }

    /// <summary>Converts output rows up to (not including) <paramref name="rows"/>.</summary>
    public void AssembleUpTo(int rows)
    {
        rows = Math.Min(rows, _outH);
        if (rows <= _rowsDone)
        {
            return;
        }

        var output = _output ??= new PixelBuffer<byte>(_outW, _outH, _comps.Length == 1 ? 1 : 3, clear: false);
        for (int y = _rowsDone; y < rows; y++)
        {
            if (_comps.Length == 1)
            {
                var c = _comps[0];
                c.Plane.AsSpan(y * c.PlaneStride, _outW).CopyTo(output.Row(y));
                continue;
            }

            var r0 = UpsampleRow(0, y);
            var r1 = UpsampleRow(1, y);
            var r2 = UpsampleRow(2, y);
            if (_rgb)
            {
                JpegColorConverter.InterleaveRgb(r0, r1, r2, output.Row(y));
            }
            else
            {
                JpegColorConverter.YCbCrToRgb(r0, r1, r2, output.Row(y));
            }
        }

        _rowsDone = rows;
    }

    /// <summary>Converts any remaining rows and hands the image over (the caller owns it).</summary>
    public PixelBuffer<byte> Finish()
    {
        AssembleUpTo(_outH);
        var output = _output!;
        _output = null;
        return output;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _output?.Dispose();
        _output = null;
    }

    private ReadOnlySpan<byte> UpsampleRow(int i, int y)
    {
        var c = _comps[i];
        byte[] plane = c.Plane!;
        byte[] temp = _temp[i];
        int stride = c.PlaneStride;
        int dw = c.DownsampledWidth;
        switch (_kinds[i])
        {
            case Upsampler.FullSize:
                return plane.AsSpan(y * stride, _outW);

            case Upsampler.H2V1Fancy:
                JpegUpsampler.H2V1Fancy(plane.AsSpan(y * stride, dw), temp);
                return temp.AsSpan(0, _outW);

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

                return temp.AsSpan(0, _outW);
            }

            case Upsampler.H2V2Fancy:
            {
                int iy = y >> 1;
                int ny = Math.Clamp((y & 1) == 0 ? iy - 1 : iy + 1, 0, c.DownsampledHeight - 1);
                JpegUpsampler.H2V2Fancy(plane.AsSpan(iy * stride, dw), plane.AsSpan(ny * stride, dw), temp, _colSums);
                return temp.AsSpan(0, _outW);
            }

            default:
            {
                int hExp = _hExp[i];
                var src = plane.AsSpan((y / _vExp[i]) * stride, dw);
                for (int x = 0; x < _outW; x++)
                {
                    temp[x] = src[x / hExp];
                }

                return temp.AsSpan(0, _outW);
            }
        }
    }
}
