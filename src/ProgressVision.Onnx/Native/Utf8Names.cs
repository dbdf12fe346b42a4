using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ProgressVision.Onnx.Native;

/// <summary>
/// Zero-terminated UTF-8 copies of names, allocated once on the pinned object heap so <c>Run</c> can hand
/// ONNX Runtime their addresses on every call without marshalling or pinning anything.
/// </summary>
internal sealed unsafe class Utf8Names
{
    private readonly byte[][] _buffers;
    private readonly nint[] _pointers;

    public Utf8Names(IReadOnlyList<string> names)
    {
        Names = names;
        _buffers = new byte[names.Count][];
        _pointers = new nint[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            _buffers[i] = ToPinnedUtf8(names[i]);
            _pointers[i] = AddressOf(_buffers[i]);
        }
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => _pointers.Length;

    /// <summary>Address of name <paramref name="index"/>; valid while this object is alive.</summary>
    public nint this[int index] => _pointers[index];

    /// <summary>Index of <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        // Models have a handful of inputs/outputs: a linear ordinal scan beats hashing here.
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A pinned zero-terminated UTF-8 copy (the caller keeps the array alive while the address is in use).</summary>
    public static byte[] ToPinnedUtf8(string text)
    {
        var bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(text) + 1, pinned: true);
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>Address of a pinned array's first element.</summary>
    public static nint AddressOf(byte[] pinned) =>
        (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
