using Google.Protobuf;
using ProgressVision.Onnx.Tests.ModelBuilding;

namespace ProgressVision.Onnx.Tests;

/// <summary>Our hand-written encoder read back with Google.Protobuf's reader (an independent implementation).</summary>
public class ProtoWriterTests
{
    [Fact]
    public void Every_primitive_round_trips_through_google_protobuf()
    {
        var bytes = new ProtoWriter()
            .Int64(1, 300)
            .Int64(2, -5)
            .Int64(3, long.MaxValue)
            .Float(4, 1.25f)
            .String(5, "tiles µ")
            .PackedFloats(6, [0.5f, -2f, 3.75f])
            .RepeatedInt64(7, [1, 1L << 40])
            .Message(8, m => m.Int64(1, 7).String(2, "inner"))
            .ToArray();

        var input = new CodedInputStream(bytes);
        Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.Varint), input.ReadTag());
        Assert.Equal(300, input.ReadInt64());
        Assert.Equal(WireFormat.MakeTag(2, WireFormat.WireType.Varint), input.ReadTag());
        Assert.Equal(-5, input.ReadInt64());
        Assert.Equal(WireFormat.MakeTag(3, WireFormat.WireType.Varint), input.ReadTag());
        Assert.Equal(long.MaxValue, input.ReadInt64());
        Assert.Equal(WireFormat.MakeTag(4, WireFormat.WireType.Fixed32), input.ReadTag());
        Assert.Equal(1.25f, input.ReadFloat());
        Assert.Equal(WireFormat.MakeTag(5, WireFormat.WireType.LengthDelimited), input.ReadTag());
        Assert.Equal("tiles µ", input.ReadString());
        Assert.Equal(WireFormat.MakeTag(6, WireFormat.WireType.LengthDelimited), input.ReadTag());
        var packed = input.ReadBytes().ToByteArray();
        var floats = new CodedInputStream(packed);
        Assert.Equal(0.5f, floats.ReadFloat());
        Assert.Equal(-2f, floats.ReadFloat());
        Assert.Equal(3.75f, floats.ReadFloat());
        Assert.True(floats.IsAtEnd);
        Assert.Equal(WireFormat.MakeTag(7, WireFormat.WireType.Varint), input.ReadTag());
        Assert.Equal(1, input.ReadInt64());
        Assert.Equal(WireFormat.MakeTag(7, WireFormat.WireType.Varint), input.ReadTag());
        Assert.Equal(1L << 40, input.ReadInt64());
        Assert.Equal(WireFormat.MakeTag(8, WireFormat.WireType.LengthDelimited), input.ReadTag());
        var inner = new CodedInputStream(input.ReadBytes().ToByteArray());
        Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.Varint), inner.ReadTag());
        Assert.Equal(7, inner.ReadInt64());
        Assert.Equal(WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited), inner.ReadTag());
        Assert.Equal("inner", inner.ReadString());
        Assert.True(input.IsAtEnd);
    }
}
