using System.Buffers.Binary;
using System.Text;

namespace ProgressVision.Onnx.Tests.ModelBuilding;

/// <summary>
/// The few protobuf wire-format primitives an ONNX model needs (varint, fixed32, length-delimited),
/// written by hand so tests and benchmarks can build models without protoc or generated code.
/// Cross-checked against Google.Protobuf's reader in ProtoWriterTests.
/// </summary>
public sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireFixed32 = 5;
    private const int WireLengthDelimited = 2;

    private readonly MemoryStream _bytes = new();

    /// <summary>The message written so far.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>An int64/int32/enum/bool field (varint; negative values take ten bytes, as protobuf specifies).</summary>
    public ProtoWriter Int64(int field, long value)
    {
        Tag(field, WireVarint);
        Varint(unchecked((ulong)value));
        return this;
    }

    /// <summary>A float field (fixed32, little-endian).</summary>
    public ProtoWriter Float(int field, float value)
    {
        Tag(field, WireFixed32);
        Span<byte> le = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(le, value);
        _bytes.Write(le);
        return this;
    }

    /// <summary>A string field (UTF-8, length-delimited).</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field, or an already-encoded embedded message.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireLengthDelimited);
        Varint((ulong)value.Length);
        _bytes.Write(value);
        return this;
    }

    /// <summary>An embedded message, written by <paramref name="body"/>.</summary>
    public ProtoWriter Message(int field, Action<ProtoWriter> body)
    {
        var inner = new ProtoWriter();
        body(inner);
        return Bytes(field, inner.ToArray());
    }

    /// <summary>A packed repeated float field.</summary>
    public ProtoWriter PackedFloats(int field, ReadOnlySpan<float> values)
    {
        var payload = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(i * 4), values[i]);
        }

        return Bytes(field, payload);
    }

    /// <summary>A repeated int64 field, one tag per element (the unpacked form proto2 uses by default).</summary>
    public ProtoWriter RepeatedInt64(int field, ReadOnlySpan<long> values)
    {
        foreach (var value in values)
        {
            Int64(field, value);
        }

        return this;
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        // Seven bits per byte, least significant group first; the high bit says "more follows".
        while (value >= 0x80)
        {
            _bytes.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.WriteByte((byte)value);
    }
}
