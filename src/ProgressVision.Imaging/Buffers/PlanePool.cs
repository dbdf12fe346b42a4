using System.Buffers;
using System.Runtime.CompilerServices;

namespace ProgressVision.Imaging.Buffers;

/// <summary>
/// Where image-sized arrays come from: arrays of at least <see cref="LargeBytes"/> from one pool all
/// threads share, smaller ones from <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
/// <remarks>
/// <see cref="ArrayPool{T}.Shared"/> also keeps one array of each size class in every thread's own
/// cache. Image planes (tens of MB at 12 MP) are rented and returned on thread-pool threads, so that
/// cache let retained memory grow with the number of threads that ever held a plane (measured: about
/// 200 MB more per 12 MP comparison in one process). A shared pool never holds more arrays of a size
/// than were in use at once. Arrays go back to the pool their length selects; both pools hand out
/// power-of-two lengths, so an array may be returned to either.
/// </remarks>
/// <typeparam name="T">Element type.</typeparam>
public static class PlanePool<T> where T : unmanaged
{
    /// <summary>Arrays of at least this many bytes come from the shared large-array pool.</summary>
    public const int LargeBytes = 1 << 20;

    // The configurable pool's largest size class is 2^30 elements; larger requests are allocated and dropped.
    private static readonly ArrayPool<T> Large = ArrayPool<T>.Create(1 << 30, 32);

    private static int LargeElements => LargeBytes / Unsafe.SizeOf<T>();

    /// <summary>Rents an array of at least <paramref name="minimumLength"/> elements (contents undefined).</summary>
    public static T[] Rent(int minimumLength) =>
        minimumLength >= LargeElements ? Large.Rent(minimumLength) : ArrayPool<T>.Shared.Rent(minimumLength);

    /// <summary>Returns an array rented from this pool.</summary>
    public static void Return(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length >= LargeElements)
        {
            Large.Return(array);
        }
        else
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
