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

        if (_scansDecoded >= _options.MaxScans)
        {
            JpegThrowHelper.ThrowInvalid(_file, $"more than {_options.MaxScans} scans (limit against crafted files)");
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

                    bool hasAc = DecodeBlockSequential(ref reader, c, dc, ac, ref block);
                    ref byte dst = ref Unsafe.Add(ref plane, ((nint)by * size * c.PlaneStride) + (bx * size));
                    TransformBlock(hasAc, size, ref block, ref quant, ref dst, c.PlaneStride);
                    ClearBlock(hasAc, ref block);
                }

                reader.ThrowIfOverrun();
                if (_components.Length == 1)
                {
                    int rows = (by + 1) * size;
                    _assembler!.AssembleAvailable(_ => rows);
                }
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
                                bool hasAc = DecodeBlockSequential(ref reader, c, dc, ac, ref block);
                                ref byte dst = ref Unsafe.Add(ref plane, ((nint)by * size * c.PlaneStride) + (bx * size));
                                TransformBlock(hasAc, size, ref block, ref quant, ref dst, c.PlaneStride);
                                ClearBlock(hasAc, ref block);
                            }
                        }
                    }
                }

                reader.ThrowIfOverrun();
                if (scan.Length == _components.Length)
                {
                    // Every component is in this scan: rows whose samples are all decoded can be converted now.
                    int mcuRows = my + 1;
                    _assembler!.AssembleAvailable(comp => mcuRows * comp.V * comp.ScaledBlockSize);
                }
            }
        }

        reader.ThrowIfOverrun();
        return reader.Position;
    }

    /// <summary>
    /// Decodes one sequential block (F.2.2.1 DC difference, F.2.2.2 AC run/size) into natural order.
    /// The accumulator and bit count live in locals for the whole block (a by-ref struct's fields
    /// would be reloaded from memory on every bit operation); they are written back at the end.
    /// Returns false when only the DC coefficient was coded (the block is flat).
    /// </summary>
    private bool DecodeBlockSequential(ref JpegBitReader reader, JpegComponent c, JpegHuffmanTable dc, JpegHuffmanTable ac, ref int block)
    {
        ulong acc = reader.Accumulator;
        int bits = reader.BitCount;
        if (bits < 32)
        {
            reader.Refill(ref acc, ref bits);
        }

        // DC: category t via the 9-bit lookup, then t magnitude bits.
        int entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dc.Lookup), (int)(acc >> (64 - JpegHuffmanTable.LookupBits)));
        int t;
        if (entry != 0)
        {
            int len = entry >> 8;
            acc <<= len;
            bits -= len;
            t = entry & 0xFF;
        }
        else
        {
            t = reader.DecodeSlow(dc, ref acc, ref bits);
        }

        int pred = c.DcPredictor;
        if (t != 0)
        {
            if (t > 15)
            {
                reader.Store(acc, bits);
                JpegThrowHelper.ThrowInvalid(_file, $"corrupt entropy-coded data (DC magnitude category {t})");
            }

            pred += Extend((int)(acc >> (64 - t)), t);
            acc <<= t;
            bits -= t;
        }

        c.DcPredictor = pred;
        block = pred;

        ref byte zz = ref MemoryMarshal.GetReference(JpegConstants.ZigZagToNatural);
        ref int fastAc = ref MemoryMarshal.GetArrayDataReference(ac.FastAc);
        ref ushort lookup = ref MemoryMarshal.GetArrayDataReference(ac.Lookup);
        int k = 1;
        while (k < 64)
        {
            if (bits < 32)
            {
                reader.Refill(ref acc, ref bits);
            }

            int peek = (int)(acc >> (64 - JpegHuffmanTable.LookupBits));
            int fast = Unsafe.Add(ref fastAc, peek);
            if (fast != 0)
            {
                // Code + magnitude in one lookup: skip the zero run, store the value.
                int n = fast & 0xFF;
                acc <<= n;
                bits -= n;
                k += (fast >> 8) & 0xFF;
                Unsafe.Add(ref block, Unsafe.Add(ref zz, k)) = fast >> 16;
                k++;
                continue;
            }

            int rs;
            entry = Unsafe.Add(ref lookup, peek);
            if (entry != 0)
            {
                int len = entry >> 8;
                acc <<= len;
                bits -= len;
                rs = entry & 0xFF;
            }
            else
            {
                rs = reader.DecodeSlow(ac, ref acc, ref bits);
            }

            int sz = rs & 15;
            int r = rs >> 4;
            if (sz != 0)
            {
                k += r;
                Unsafe.Add(ref block, Unsafe.Add(ref zz, k)) = Extend((int)(acc >> (64 - sz)), sz);
                acc <<= sz;
                bits -= sz;
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

        reader.Store(acc, bits);

        // k stays 1 only when the first AC symbol was EOB; a ZRL-only block is rare enough to take the full IDCT.
        return k != 1;
    }

    /// <summary>
    /// Inverse transform of one decoded block into its plane. A DC-only block is flat: every sample is
    /// (DC·Q + 4) >> 3 level-shifted, which is exactly what the full islow / reduced IDCTs compute for it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformBlock(bool hasAc, int size, ref int block, ref int quant, ref byte dst, int stride)
    {
        if (hasAc)
        {
            JpegScaledIdct.Transform(size, ref block, ref quant, ref dst, stride);
            return;
        }

        byte v = JpegIdct.ClampSample(((block * quant) + 4) >> 3);
        if (size == 8)
        {
            ulong fill = 0x0101010101010101UL * v;
            for (int r = 0; r < 8; r++)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * stride), fill);
            }

            return;
        }

        for (int r = 0; r < size; r++)
        {
            Unsafe.InitBlockUnaligned(ref Unsafe.Add(ref dst, r * stride), v, (uint)size);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ClearBlock(bool hasAc, ref int block)
    {
        if (hasAc)
        {
            Unsafe.InitBlockUnaligned(ref Unsafe.As<int, byte>(ref block), 0, 64 * sizeof(int));
        }
        else
        {
            block = 0;
        }
    }

    /// <summary>T.81 F.2.2.1 EXTEND: a leading 0 bit in the s magnitude bits means v − (2^s − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Extend(int v, int s) => v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;

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
