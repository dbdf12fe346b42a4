using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProgressVision.Imaging.Codecs.Jpeg;

/// <summary>Scan header parsing and Huffman entropy decoding (T.81 Annex F sequential, Annex G progressive).</summary>
internal sealed partial class JpegDecoderCore
{
    // Scratch block for sequential decoding: coefficients in natural order, cleared after each IDCT.
    private readonly int[] _block = new int[64];

    private int ReadScan(ReadOnlySpan<byte> data, int pos)
    {
        var s = Segment(data, pos, JpegConstants.Sos, out int next);
        if (!_frameSeen)
        {
            JpegThrowHelper.ThrowInvalid(_file, "scan (SOS) before the frame header (SOF)");
        }

        if (s.Length < 1)
        {
            JpegThrowHelper.ThrowInvalid(_file, "corrupt scan header (empty)");
        }

        int ns = s[0];
        if (ns is < 1 or > 4 || s.Length < 1 + (2 * ns) + 3)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"corrupt scan header ({ns} components, {s.Length} bytes)");
        }

        var scan = new JpegComponent[ns];
        for (int i = 0; i < ns; i++)
        {
            int id = s[1 + (2 * i)];
            int tables = s[2 + (2 * i)];
            var comp = Array.Find(_components, c => c.Id == id);
            if (comp is null)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt scan header (component id {id} is not in the frame)");
            }

            if (Array.IndexOf(scan, comp) >= 0)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt scan header (component id {id} repeated)");
            }

            comp.DcTable = tables >> 4;
            comp.AcTable = tables & 15;
            if (comp.DcTable > 3 || comp.AcTable > 3)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt scan header (table selectors {tables:X2})");
            }

            scan[i] = comp;
        }

        int ss = s[1 + (2 * ns)];
        int se = s[2 + (2 * ns)];
        int ah = s[3 + (2 * ns)] >> 4;
        int al = s[3 + (2 * ns)] & 15;

        if (ns > 1)
        {
            int blocks = scan.Sum(c => c.H * c.V);
            if (blocks > JpegConstants.MaxBlocksPerMcu)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt scan header ({blocks} blocks per MCU)");
            }
        }

        if (_progressive)
        {
            // G.1.1.1: DC scans have Ss = Se = 0; AC scans carry one component and 1 <= Ss <= Se <= 63.
            bool ok = ss == 0 ? se == 0 : ss <= se && se <= 63 && ns == 1;
            if (!ok || al > 13 || ah > 13)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt progressive scan parameters (Ss={ss}, Se={se}, Ah={ah}, Al={al}, {ns} components)");
            }
        }

        foreach (var comp in scan)
        {
            comp.Quant ??= _quantTables[comp.QuantTableIndex] is { } q
                ? (int[])q.Clone()
                : throw new InvalidImageException(_file, $"quantization table {comp.QuantTableIndex} used by component {comp.Id} is not defined");
            bool needDc = !_progressive || (ss == 0 && ah == 0);
            bool needAc = !_progressive || ss > 0;
            if (needDc && _dcTables[comp.DcTable] is null)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"DC Huffman table {comp.DcTable} used by component {comp.Id} is not defined");
            }

            if (needAc && _acTables[comp.AcTable] is null)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"AC Huffman table {comp.AcTable} used by component {comp.Id} is not defined");
            }

            comp.DcPredictor = 0;
        }

        if (!_buffersAllocated)
        {
            // Decompression-bomb guard before allocating: a DC scan spends at least one bit per block.
            long blocks = 0;
            foreach (var comp in scan)
            {
                blocks += (long)comp.BlocksPerLine * comp.BlocksPerColumn;
            }

            long available = data.Length - next;
            if ((!_progressive || ss == 0) && blocks > available * 8)
            {
                JpegThrowHelper.ThrowInvalid(_file, $"truncated entropy-coded data ({available} bytes cannot hold {blocks} blocks of a {_width}x{_height} image)");
            }

            AllocateBuffers();
        }

        int end;
        if (!_progressive)
        {
            end = DecodeSequential(data, next, scan);
            if (scan.Length == _components.Length)
            {
                _baselineScanComplete = true;
            }
        }
        else
        {
            end = DecodeProgressive(data, next, scan, ss, se, ah, al);
        }

        _scansDecoded++;
        return end;
    }

    private int DecodeSequential(ReadOnlySpan<byte> data, int pos, JpegComponent[] scan)
    {
        var reader = new JpegBitReader(data, pos, _file);
        int restartsLeft = _restartInterval;
        ref int block = ref MemoryMarshal.GetArrayDataReference(_block);

        if (scan.Length == 1)
        {
            var c = scan[0];
            var dc = _dcTables[c.DcTable]!;
            var ac = _acTables[c.AcTable]!;
            int size = c.ScaledBlockSize;
            ref int quant = ref MemoryMarshal.GetArrayDataReference(c.Quant!);
            ref byte plane = ref MemoryMarshal.GetArrayDataReference(c.Plane!);
            for (int by = 0; by < c.BlocksPerColumn; by++)
            {
                for (int bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    if (_restartInterval > 0)
                    {
                        if (restartsLeft == 0)
                        {
                            reader.ProcessRestart();
                            c.DcPredictor = 0;
                            restartsLeft = _restartInterval;
                        }

                        restartsLeft--;
                    }

                    DecodeBlockSequential(ref reader, c, dc, ac, ref block);
                    ref byte dst = ref Unsafe.Add(ref plane, ((nint)by * size * c.PlaneStride) + (bx * size));
                    JpegScaledIdct.Transform(size, ref block, ref quant, ref dst, c.PlaneStride);
                    _block.AsSpan().Clear();
                }

                reader.ThrowIfOverrun();
            }
        }
        else
        {
            for (int my = 0; my < _mcusPerColumn; my++)
            {
                for (int mx = 0; mx < _mcusPerLine; mx++)
                {
                    if (_restartInterval > 0)
                    {
                        if (restartsLeft == 0)
                        {
                            reader.ProcessRestart();
                            foreach (var c in scan)
                            {
                                c.DcPredictor = 0;
                            }

                            restartsLeft = _restartInterval;
                        }

                        restartsLeft--;
                    }

                    foreach (var c in scan)
                    {
                        var dc = _dcTables[c.DcTable]!;
                        var ac = _acTables[c.AcTable]!;
                        int size = c.ScaledBlockSize;
                        ref int quant = ref MemoryMarshal.GetArrayDataReference(c.Quant!);
                        ref byte plane = ref MemoryMarshal.GetArrayDataReference(c.Plane!);
                        for (int v = 0; v < c.V; v++)
                        {
                            int by = (my * c.V) + v;
                            for (int h = 0; h < c.H; h++)
                            {
                                int bx = (mx * c.H) + h;
                                DecodeBlockSequential(ref reader, c, dc, ac, ref block);
                                ref byte dst = ref Unsafe.Add(ref plane, ((nint)by * size * c.PlaneStride) + (bx * size));
                                JpegScaledIdct.Transform(size, ref block, ref quant, ref dst, c.PlaneStride);
                                _block.AsSpan().Clear();
                            }
                        }
                    }
                }

                reader.ThrowIfOverrun();
            }
        }

        reader.ThrowIfOverrun();
        return reader.Position;
    }

    /// <summary>Decodes one sequential block (F.2.2.1 DC difference, F.2.2.2 AC run/size) into natural order.</summary>
    private void DecodeBlockSequential(ref JpegBitReader reader, JpegComponent c, JpegHuffmanTable dc, JpegHuffmanTable ac, ref int block)
    {
        reader.EnsureBits();
        int t = reader.DecodeSymbol(dc);
        if (t > 15)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"corrupt entropy-coded data (DC magnitude category {t})");
        }

        int diff = reader.ReceiveExtend(t);
        int pred = c.DcPredictor + diff;
        c.DcPredictor = pred;
        block = pred;

        ref byte zz = ref MemoryMarshal.GetReference(JpegConstants.ZigZagToNatural);
        int[] fastAc = ac.FastAc;
        for (int k = 1; k < 64;)
        {
            reader.EnsureBits();
            int fast = fastAc[reader.PeekLookup()];
            if (fast != 0)
            {
                // Code + magnitude in one lookup: skip run zeros, store the value.
                reader.Skip(fast & 0xFF);
                k += (fast >> 8) & 0xFF;
                Unsafe.Add(ref block, Unsafe.Add(ref zz, k)) = fast >> 16;
                k++;
                continue;
            }

            int rs = reader.DecodeSymbol(ac);
            int r = rs >> 4;
            int sz = rs & 15;
            if (sz != 0)
            {
                k += r;
                Unsafe.Add(ref block, Unsafe.Add(ref zz, k)) = reader.ReceiveExtend(sz);
                k++;
            }
            else
            {
                if (r != 15)
                {
                    break; // EOB
                }

                k += 16; // ZRL
            }
        }
    }

    private int DecodeProgressive(ReadOnlySpan<byte> data, int pos, JpegComponent[] scan, int ss, int se, int ah, int al)
    {
        var reader = new JpegBitReader(data, pos, _file);
        int restartsLeft = _restartInterval;
        int eobRun = 0;

        if (scan.Length == 1)
        {
            var c = scan[0];
            ref short coefs = ref MemoryMarshal.GetArrayDataReference(c.Coefficients!);
            for (int by = 0; by < c.BlocksPerColumn; by++)
            {
                for (int bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    if (_restartInterval > 0)
                    {
                        if (restartsLeft == 0)
                        {
                            reader.ProcessRestart();
                            c.DcPredictor = 0;
                            eobRun = 0;
                            restartsLeft = _restartInterval;
                        }

                        restartsLeft--;
                    }

                    ref short blk = ref Unsafe.Add(ref coefs, (((nint)by * c.PaddedBlocksPerLine) + bx) * 64);
                    DecodeBlockProgressive(ref reader, c, ref blk, ss, se, ah, al, ref eobRun);
                }

                reader.ThrowIfOverrun();
            }
        }
        else
        {
            for (int my = 0; my < _mcusPerColumn; my++)
            {
                for (int mx = 0; mx < _mcusPerLine; mx++)
                {
                    if (_restartInterval > 0)
                    {
                        if (restartsLeft == 0)
                        {
                            reader.ProcessRestart();
                            foreach (var c in scan)
                            {
                                c.DcPredictor = 0;
                            }

                            eobRun = 0;
                            restartsLeft = _restartInterval;
                        }

                        restartsLeft--;
                    }

                    foreach (var c in scan)
                    {
                        ref short coefs = ref MemoryMarshal.GetArrayDataReference(c.Coefficients!);
                        for (int v = 0; v < c.V; v++)
                        {
                            int by = (my * c.V) + v;
                            for (int h = 0; h < c.H; h++)
                            {
                                int bx = (mx * c.H) + h;
                                ref short blk = ref Unsafe.Add(ref coefs, (((nint)by * c.PaddedBlocksPerLine) + bx) * 64);
                                DecodeBlockProgressive(ref reader, c, ref blk, ss, se, ah, al, ref eobRun);
                            }
                        }
                    }
                }

                reader.ThrowIfOverrun();
            }
        }

        reader.ThrowIfOverrun();
        return reader.Position;
    }

    private void DecodeBlockProgressive(ref JpegBitReader reader, JpegComponent c, ref short blk, int ss, int se, int ah, int al, ref int eobRun)
    {
        if (ss == 0)
        {
            if (ah == 0)
            {
                // G.1.2.1 DC first scan: Huffman-coded difference, scaled by 2^Al.
                reader.EnsureBits();
                int t = reader.DecodeSymbol(_dcTables[c.DcTable]!);
                if (t > 15)
                {
                    JpegThrowHelper.ThrowInvalid(_file, $"corrupt entropy-coded data (DC magnitude category {t})");
                }

                int pred = c.DcPredictor + reader.ReceiveExtend(t);
                c.DcPredictor = pred;
                blk = (short)(pred << al);
            }
            else if (reader.ReadBit() != 0)
            {
                // G.1.2.1 DC refinement: one raw bit.
                blk |= (short)(1 << al);
            }

            return;
        }

        var ac = _acTables[c.AcTable]!;
        ref byte zz = ref MemoryMarshal.GetReference(JpegConstants.ZigZagToNatural);
        if (ah == 0)
        {
            // G.1.2.2 AC first scan with end-of-band runs.
            if (eobRun > 0)
            {
                eobRun--;
                return;
            }

            for (int k = ss; k <= se;)
            {
                reader.EnsureBits();
                int rs = reader.DecodeSymbol(ac);
                int r = rs >> 4;
                int sz = rs & 15;
                if (sz != 0)
                {
                    k += r;
                    Unsafe.Add(ref blk, Unsafe.Add(ref zz, Math.Min(k, 63))) = (short)(reader.ReceiveExtend(sz) * (1 << al));
                    k++;
                }
                else if (r < 15)
                {
                    eobRun = 1 << r;
                    if (r != 0)
                    {
                        eobRun += reader.ReadBits(r);
                    }

                    eobRun--;
                    break;
                }
                else
                {
                    k += 16;
                }
            }

            return;
        }

        // G.1.2.3 AC refinement: correction bits for already-nonzero coefficients, new ±1 values.
        int p1 = 1 << al;
        int m1 = -1 << al;
        int kk = ss;
        if (eobRun == 0)
        {
            for (; kk <= se; kk++)
            {
                reader.EnsureBits();
                int rs = reader.DecodeSymbol(ac);
                int r = rs >> 4;
                int sz = rs & 15;
                int value = 0;
                if (sz != 0)
                {
                    if (sz != 1)
                    {
                        JpegThrowHelper.ThrowInvalid(_file, $"corrupt entropy-coded data (refinement magnitude {sz})");
                    }

                    value = reader.ReadBit() != 0 ? p1 : m1;
                }
                else if (r != 15)
                {
                    eobRun = 1 << r;
                    if (r != 0)
                    {
                        reader.EnsureBits();
                        eobRun += reader.ReadBits(r);
                    }

                    break;
                }

                // Skip r zero-history coefficients, refining nonzero ones on the way.
                while (kk <= se)
                {
                    ref short coef = ref Unsafe.Add(ref blk, Unsafe.Add(ref zz, kk));
                    if (coef != 0)
                    {
                        if (reader.ReadBit() != 0 && (coef & p1) == 0)
                        {
                            coef = (short)(coef >= 0 ? coef + p1 : coef + m1);
                        }
                    }
                    else
                    {
                        if (r == 0)
                        {
                            break;
                        }

                        r--;
                    }

                    kk++;
                }

                if (value != 0 && kk <= 63)
                {
                    Unsafe.Add(ref blk, Unsafe.Add(ref zz, kk)) = (short)value;
                }
            }
        }

        if (eobRun > 0)
        {
            // Inside an end-of-band run: only correction bits for nonzero coefficients remain.
            for (; kk <= se; kk++)
            {
                ref short coef = ref Unsafe.Add(ref blk, Unsafe.Add(ref zz, kk));
                if (coef != 0 && reader.ReadBit() != 0 && (coef & p1) == 0)
                {
                    coef = (short)(coef >= 0 ? coef + p1 : coef + m1);
                }
            }

            eobRun--;
        }
    }

    private void FinishProgressive()
    {
        Span<int> block = stackalloc int[64];
        ref int b = ref MemoryMarshal.GetReference(block);
        foreach (var c in _components)
        {
            if (c.Quant is null)
            {
                // Never scanned: libjpeg would leave it flat grey; a truncated progressive file is an error here.
                JpegThrowHelper.ThrowInvalid(_file, $"component {c.Id} has no scan data");
            }

            int size = c.ScaledBlockSize;
            ref int quant = ref MemoryMarshal.GetArrayDataReference(c.Quant);
            ref short coefs = ref MemoryMarshal.GetArrayDataReference(c.Coefficients!);
            ref byte plane = ref MemoryMarshal.GetArrayDataReference(c.Plane!);
            for (int by = 0; by < c.BlocksPerColumn; by++)
            {
                for (int bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    ref short src = ref Unsafe.Add(ref coefs, (((nint)by * c.PaddedBlocksPerLine) + bx) * 64);
                    for (int i = 0; i < 64; i++)
                    {
                        Unsafe.Add(ref b, i) = Unsafe.Add(ref src, i);
                    }

                    ref byte dst = ref Unsafe.Add(ref plane, ((nint)by * size * c.PlaneStride) + (bx * size));
                    JpegScaledIdct.Transform(size, ref b, ref quant, ref dst, c.PlaneStride);
                }
            }
        }
    }
}
