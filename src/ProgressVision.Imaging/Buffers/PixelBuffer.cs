using System.Buffers;
using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Buffers;

/// <summary>
/// A pooled, interleaved 2-D image buffer: <see cref="Height"/> rows of <see cref="Width"/> pixels,
/// each pixel <see cref="Channels"/> consecutive elements of <typeparamref name="T"/>. Rows are
/// packed (stride = Width × Channels) so whole-image kernels can treat the buffer as one span.
/// </summary>
/// <remarks>
/// The one memory policy for images in ProgressVision. Storage is rented from
/// <see cref="PlanePool{T}"/> and returned on <see cref="Dispose"/>; a disposed buffer
/// throws on access. 8-bit RGB is <c>PixelBuffer&lt;byte&gt;</c> with 3 channels, 8-bit gray is
/// 1 channel, and float planes (luminance, gradients, probability maps) are <c>PixelBuffer&lt;float&gt;</c>.
/// </remarks>
public sealed class PixelBuffer<T> : IDisposable where T : unmanaged
{
    /// <summary>Largest element count one buffer may hold (Array.MaxLength on 64-bit).</summary>
    public const long MaxElements = 0x7FFFFFC7;

    private T[]? _data;

    /// <summary>Creates a buffer. Contents are zeroed when <paramref name="clear"/> is true.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive size, or more than <see cref="MaxElements"/> elements.</exception>
    public PixelBuffer(int width, int height, int channels = 1, bool clear = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        long n = (long)width * height * channels;
        if (n > MaxElements)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}x{channels} exceeds the largest buffer ({MaxElements} elements).");
        }

        Width = width;
        Height = height;
        Channels = channels;
        _data = PlanePool<T>.Rent((int)n);
        if (clear)
        {
            Array.Clear(_data, 0, (int)n);
        }
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Elements per pixel.</summary>
    public int Channels { get; }

    /// <summary>Elements per row (rows are packed).</summary>
    public int Stride => Width * Channels;

    /// <summary>Total elements.</summary>
    public int Length => Width * Height * Channels;

    /// <summary>All pixels, row-major, as one span.</summary>
    public Span<T> Span => new(Data, 0, Length);

    /// <summary>All pixels, row-major, as memory (for APIs that keep a reference beyond a call frame, e.g. ONNX Runtime inputs).</summary>
    public Memory<T> Memory => new(Data, 0, Length);

    /// <summary>The elements of row <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Row(int y)
    {
        if ((uint)y >= (uint)Height)
        {
            ThrowRow(y);
        }

        return new Span<T>(Data, y * Stride, Stride);
    }

    /// <summary>Element at (x, y, c).</summary>
    public ref T this[int x, int y, int c = 0]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || (uint)c >= (uint)Channels)
            {
                ThrowIndex(x, y, c);
            }

            return ref Data[((y * Width) + x) * Channels + c];
        }
    }

    private T[] Data => _data ?? throw new ObjectDisposedException(nameof(PixelBuffer<T>));

    /// <summary>A deep copy.</summary>
    public PixelBuffer<T> Clone()
    {
        var copy = new PixelBuffer<T>(Width, Height, Channels, clear: false);
        Span.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>True when both buffers have the same width, height and channel count.</summary>
    public bool SameShape<TOther>(PixelBuffer<TOther> other) where TOther : unmanaged =>
        Width == other.Width && Height == other.Height && Channels == other.Channels;

    /// <inheritdoc />
    public void Dispose()
    {
        var d = Interlocked.Exchange(ref _data, null);
        if (d is not null)
        {
            PlanePool<T>.Return(d);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"PixelBuffer<{typeof(T).Name}> {Width}x{Height}x{Channels}";

    private void ThrowRow(int y) => throw new ArgumentOutOfRangeException(nameof(y), $"Row {y} is outside 0..{Height - 1}.");

    private void ThrowIndex(int x, int y, int c) =>
        throw new ArgumentOutOfRangeException(nameof(x), $"({x},{y},{c}) is outside {Width}x{Height}x{Channels}.");
}
