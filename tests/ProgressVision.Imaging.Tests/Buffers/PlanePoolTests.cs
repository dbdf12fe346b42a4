using ProgressVision.Imaging.Buffers;

namespace ProgressVision.Imaging.Tests.Buffers;

public class PlanePoolTests
{
    [Fact]
    public void A_large_array_returned_on_one_thread_is_rented_again_on_another()
    {
        // ArrayPool.Shared would park it in the returning thread's own cache; the plane pool shares it.
        // (long: an element type no other test pools, so no other test can take the array in between.)
        const int n = 300_017;
        long[]? returned = null;
        var t = new Thread(() =>
        {
            returned = PlanePool<long>.Rent(n);
            PlanePool<long>.Return(returned);
        });
        t.Start();
        t.Join();

        long[]? again = null;
        var u = new Thread(() => again = PlanePool<long>.Rent(n));
        u.Start();
        u.Join();
        Assert.Same(returned, again);
        Assert.True(again!.Length >= n);
        PlanePool<long>.Return(again);
    }

    [Fact]
    public void Small_and_large_requests_get_at_least_the_length_asked_for()
    {
        foreach (int n in new[] { 1, 100, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, 5_000_000 })
        {
            var a = PlanePool<float>.Rent(n);
            Assert.True(a.Length >= n, $"{n}: got {a.Length}");
            PlanePool<float>.Return(a);
        }

        using var buffer = new PixelBuffer<byte>(4032, 3024, 3);
        Assert.Equal(4032 * 3024 * 3, buffer.Span.Length);
    }
}
