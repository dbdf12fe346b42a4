using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Morphology;

/// <summary>
/// Connected-component labelling of 8-bit masks (non-zero = foreground) by the classic two-pass
/// algorithm with union-find (Rosenfeld &amp; Pfaltz; Wu, Otoo &amp; Suzuki's array-based union-find).
/// </summary>
/// <remarks>
/// Labels are 1..count in the raster order of each component's first (top-most, then left-most) pixel;
/// background is 0. That order is deterministic, so results do not depend on the union-find details.
/// </remarks>
public static class ConnectedComponents
{
    /// <summary>Labels <paramref name="mask"/> into <paramref name="labels"/> and returns the component count.</summary>
    public static int Label(ReadOnlySpan<byte> mask, int width, int height, Span<int> labels, Connectivity connectivity = Connectivity.Eight) =>
        LabelCore(mask, width, height, labels, connectivity, default, null);

    /// <summary>
    /// Labels and measures: returns one <see cref="ComponentStats"/> per component (index i holds label i+1).
    /// When <paramref name="values"/> is not empty (width × height), each component's value sum is filled too.
    /// </summary>
    public static ComponentStats[] LabelWithStats(
        ReadOnlySpan<byte> mask, int width, int height, Span<int> labels, Connectivity connectivity = Connectivity.Eight, ReadOnlySpan<float> values = default)
    {
        if (!values.IsEmpty)
        {
            KernelGuard.SameLength(mask.Length, values.Length, nameof(mask), nameof(values));
        }

        var stats = new List<ComponentStats>();
        LabelCore(mask, width, height, labels, connectivity, values, stats);
        return [.. stats];
    }

    /// <summary>Labels a single-channel mask buffer; returns the label image and the statistics.</summary>
    public static (PixelBuffer<int> Labels, ComponentStats[] Components) LabelWithStats(
        PixelBuffer<byte> mask, Connectivity connectivity = Connectivity.Eight, PixelBuffer<float>? values = null)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Channels != 1 || (values is not null && !values.SameShape(mask)))
        {
            throw new ArgumentException($"Labelling needs a single-channel mask (and a value plane of the same shape), got {mask} and {values}.", nameof(mask));
        }

        var labels = new PixelBuffer<int>(mask.Width, mask.Height, 1, clear: false);
        var stats = LabelWithStats(mask.Span, mask.Width, mask.Height, labels.Span, connectivity, values is null ? default : values.Span);
        return (labels, stats);
    }

    private static int LabelCore(
        ReadOnlySpan<byte> mask, int width, int height, Span<int> labels, Connectivity connectivity, ReadOnlySpan<float> values, List<ComponentStats>? stats)
    {
        KernelGuard.Plane(mask.Length, width, height, 1, nameof(mask));
        KernelGuard.SameLength(mask.Length, labels.Length, nameof(mask), nameof(labels));
        if (connectivity is not (Connectivity.Four or Connectivity.Eight))
        {
            throw new ArgumentOutOfRangeException(nameof(connectivity), $"Connectivity must be 4 or 8, got {(int)connectivity}.");
        }

        bool eight = connectivity == Connectivity.Eight;
        var forest = new LabelForest(1024);
        try
        {
            FirstPass(mask, width, height, labels, eight, ref forest);
            return SecondPass(labels, width, height, values, stats, ref forest);
        }
        finally
        {
            forest.Dispose();
        }
    }

    // Pass 1: give each foreground pixel a provisional label from its already-visited neighbours
    // (W, and N / NW / NE for 8-connectivity) and record label equivalences in the forest.
    private static void FirstPass(ReadOnlySpan<byte> mask, int width, int height, Span<int> labels, bool eight, ref LabelForest forest)
    {
        for (int y = 0; y < height; y++)
        {
            var m = mask.Slice(y * width, width);
            var row = labels.Slice(y * width, width);
            var up = y > 0 ? labels.Slice((y - 1) * width, width) : default;
            int x = 0;
            while (x < width)
            {
                // Skip background runs with the vectorised IndexOfAnyExcept: masks are mostly background.
                int next = m[x..].IndexOfAnyExcept((byte)0);
                if (next < 0)
                {
                    row[x..].Clear();
                    break;
                }

                row.Slice(x, next).Clear();
                x += next;

                int label = x > 0 ? row[x - 1] : 0;
                if (!up.IsEmpty)
                {
                    label = Join(label, up[x], ref forest);
                    if (eight)
                    {
                        if (x > 0)
                        {
                            label = Join(label, up[x - 1], ref forest);
                        }

                        if (x + 1 < width)
                        {
                            label = Join(label, up[x + 1], ref forest);
                        }
                    }
                }

                row[x] = label != 0 ? label : forest.Add();
                x++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Join(int current, int neighbour, ref LabelForest forest)
    {
        if (neighbour == 0)
        {
            return current;
        }

        if (current == 0)
        {
            return neighbour;
        }

        if (current != neighbour)
        {
            forest.Union(current, neighbour);
        }

        return current;
    }

    // Pass 2: replace provisional labels by final ones (numbered in order of first raster appearance)
    // and accumulate statistics in one sweep.
    private static int SecondPass(Span<int> labels, int width, int height, ReadOnlySpan<float> values, List<ComponentStats>? stats, ref LabelForest forest)
    {
        int provisional = forest.Count;
        int[] final = ArrayPool<int>.Shared.Rent(provisional + 1);
        try
        {
            // Provisional labels were issued in raster order, so the smallest provisional label of a
            // component marks its first pixel: numbering roots by first visit yields raster order.
            int count = 0;
            final[0] = 0;
            for (int l = 1; l <= provisional; l++)
            {
                int root = forest.Find(l);
                final[l] = root == l ? ++count : final[root];
            }

            if (stats is null)
            {
                for (int i = 0; i < labels.Length; i++)
                {
                    labels[i] = final[labels[i]];
                }

                return count;
            }

            var acc = new Accumulator[count + 1];
            for (int i = 1; i <= count; i++)
            {
                acc[i].MinX = int.MaxValue;
                acc[i].MinY = int.MaxValue;
                acc[i].MaxX = -1;
                acc[i].MaxY = -1;
            }

            bool withValues = !values.IsEmpty;
            for (int y = 0; y < height; y++)
            {
                var row = labels.Slice(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    int l = final[row[x]];
                    row[x] = l;
                    if (l == 0)
                    {
                        continue;
                    }

                    ref var a = ref acc[l];
                    a.Area++;
                    a.SumX += x;
                    a.SumY += y;
                    a.MinX = Math.Min(a.MinX, x);
                    a.MaxX = Math.Max(a.MaxX, x);
                    a.MinY = Math.Min(a.MinY, y);
                    a.MaxY = y;
                    if (withValues)
                    {
                        a.Sum += values[(y * width) + x];
                    }
                }
            }

            for (int i = 1; i <= count; i++)
            {
                ref var a = ref acc[i];
                stats.Add(new ComponentStats(
                    i, (int)a.Area, a.MinX, a.MinY, a.MaxX - a.MinX + 1, a.MaxY - a.MinY + 1,
                    (double)a.SumX / a.Area, (double)a.SumY / a.Area, a.Sum));
            }

            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(final);
        }
    }

    private struct Accumulator
    {
        public long Area, SumX, SumY;
        public int MinX, MinY, MaxX, MaxY;
        public double Sum;
    }

    /// <summary>Union-find over provisional labels 1..Count; the root of a set is its smallest label.</summary>
    private struct LabelForest : IDisposable
    {
        private int[] _parent;

        public LabelForest(int capacity)
        {
            _parent = ArrayPool<int>.Shared.Rent(capacity);
            _parent[0] = 0;
            Count = 0;
        }

        public int Count { get; private set; }

        public int Add()
        {
            int l = ++Count;
            if (l >= _parent.Length)
            {
                int[] bigger = ArrayPool<int>.Shared.Rent(_parent.Length * 2);
                _parent.AsSpan(0, l).CopyTo(bigger);
                ArrayPool<int>.Shared.Return(_parent);
                _parent = bigger;
            }

            _parent[l] = l;
            return l;
        }

        public readonly int Find(int l)
        {
            int root = l;
            while (_parent[root] != root)
            {
                root = _parent[root];
            }

            // Path compression keeps later finds near O(1).
            while (_parent[l] != root)
            {
                int next = _parent[l];
                _parent[l] = root;
                l = next;
            }

            return root;
        }

        public readonly void Union(int a, int b)
        {
            int ra = Find(a), rb = Find(b);

            // Linking the larger root under the smaller keeps "root = smallest label", which the
            // second pass relies on for raster-order numbering.
            if (ra < rb)
            {
                _parent[rb] = ra;
            }
            else if (rb < ra)
            {
                _parent[ra] = rb;
            }
        }

        public void Dispose()
        {
            if (_parent is not null)
            {
                ArrayPool<int>.Shared.Return(_parent);
                _parent = null!;
            }
        }
    }
}
